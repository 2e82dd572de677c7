package core

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"testing"
	"time"
)

type streamKey int64

type textKey struct{ a, b int }

func (k textKey) MarshalText() ([]byte, error) {
	return []byte(strconv.Itoa(k.a) + "/" + strconv.Itoa(k.b)), nil
}

type selfEncoding struct{ n int }

func (s *selfEncoding) MarshalJSON() ([]byte, error) {
	return []byte(`{ "n" : ` + strconv.Itoa(s.n) + ` }`), nil
}

type streamItem struct {
	Name  string            `json:"name"`
	At    time.Time         `json:"at"`
	Opt   *int              `json:"opt,omitempty"`
	Tags  []string          `json:"tags"`
	Self  selfEncoding      `json:"self"`
	Inner map[string]string `json:"inner"`
}

type streamState struct {
	Count    int64                     `json:"count"`
	Items    map[streamKey]*streamItem `json:"items"`
	ByName   map[string][]streamItem   `json:"by_name"`
	ByText   map[textKey]int           `json:"by_text"`
	List     []*streamItem             `json:"list"`
	Values   []streamItem              `json:"values"`
	Empty    map[string]int            `json:"empty"`
	Nil      map[string]int            `json:"nil"`
	NilList  []int                     `json:"nil_list"`
	Bytes    []byte                    `json:"bytes"`
	Self     selfEncoding              `json:"self_top"`
	NoTag    string
	Skipped  string `json:"-"`
	internal int
}

func randomStreamState(r *rand.Rand) *streamState {
	word := func() string {
		return []string{"a", "<b>", "x&y", "ü", `q"uote`, "\u2028", "86000000000000" + strconv.Itoa(r.IntN(100))}[r.IntN(7)]
	}
	item := func() streamItem {
		it := streamItem{Name: word(), At: time.Unix(r.Int64N(1e9), r.Int64N(1e9)).UTC(), Self: selfEncoding{r.IntN(9)},
			Inner: map[string]string{word(): word(), word(): word()}}
		if r.IntN(2) == 0 {
			n := r.IntN(5)
			it.Opt = &n
		}
		for range r.IntN(3) {
			it.Tags = append(it.Tags, word())
		}
		return it
	}
	st := &streamState{Count: r.Int64(), Items: map[streamKey]*streamItem{}, ByName: map[string][]streamItem{},
		ByText: map[textKey]int{}, Empty: map[string]int{}, Bytes: []byte(word()), Self: selfEncoding{r.IntN(9)}, NoTag: word(), internal: 1}
	for range r.IntN(40) {
		it := item()
		st.Items[streamKey(r.Int64N(1e12)-5e11)] = &it
		st.ByName[word()] = append(st.ByName[word()], item())
		st.ByText[textKey{r.IntN(20), r.IntN(3)}] = r.IntN(100)
		st.List = append(st.List, &it)
		st.Values = append(st.Values, item())
	}
	if r.IntN(2) == 0 {
		st.Items[1] = nil
		st.List = append(st.List, nil)
	}
	return st
}

// A snapshot is streamed field by field, and must be exactly what
// encoding/json writes: state files written before and after stay
// byte-identical, and DecodeSnapshot reads either.
func TestStreamedSnapshotIsWhatEncodingJSONWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		st := randomStreamState(r)
		want, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendStreamed(nil, st)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("case %d: streamed\n%s\nencoding/json\n%s", i, got, want)
		}
	}
}

// The snapshot envelope around the streamed state decodes back to what
// encoding/json wrote, whatever the size hint.
func TestEncodeSnapshotRoundTrip(t *testing.T) {
	st := randomStreamState(rand.New(rand.NewPCG(3, 4)))
	var want any
	orig, _ := json.Marshal(st)
	if err := json.Unmarshal(orig, &want); err != nil {
		t.Fatal(err)
	}
	for _, hint := range []int{0, 10, 1 << 20} {
		b, err := encodeSnapshot(7, st, hint)
		if err != nil {
			t.Fatal(err)
		}
		var back any
		if err := DecodeSnapshot(b, 7, &back); err != nil {
			t.Fatalf("hint %d: %v", hint, err)
		}
		if !reflect.DeepEqual(back, want) {
			t.Fatalf("hint %d: the snapshot decodes to another state", hint)
		}
	}
}
