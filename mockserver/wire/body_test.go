package wire

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
)

var testCodes = BodyCodes{TooLarge: "big", NotJSON: "parse", NotObject: "shape"}

func exchangeWith(body string, tooLarge bool) *Exchange {
	r := httptest.NewRequest("POST", "/x", nil)
	return &Exchange{R: r, Call: &httpx.Call{Body: []byte(body), BodyTooLarge: tooLarge}}
}

func TestDecodeObjectRefuses(t *testing.T) {
	tests := []struct {
		name, body string
		tooLarge   bool
		want       string
	}{
		{"too large", `{}`, true, "big"},
		{"not JSON", `{"a":`, false, "parse"},
		{"trailing data", `{"a":1} {}`, false, "parse"},
		{"array", `[1]`, false, "shape"},
		{"null", `null`, false, "shape"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := exchangeWith(tc.body, tc.tooLarge).DecodeObject(testCodes, Leniency{})
			if code, _ := core.CodeOf(err); code != tc.want {
				t.Errorf("code = %q (%v), want %q", code, err, tc.want)
			}
			if !errors.Is(err, ErrUnreadable) {
				t.Errorf("%v does not wrap ErrUnreadable", err)
			}
		})
	}
}

func mustBody(t *testing.T, body string, l Leniency) Body {
	t.Helper()
	b, err := exchangeWith(body, false).DecodeObject(testCodes, l)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestBodyInt(t *testing.T) {
	body := `{"n":12,"big":9223372036854775807,"s":"500","sp":" 7 ","f":1.5,"null":null,"neg":"-3"}`
	tests := []struct {
		key     string
		lenient Leniency
		want    int64
		ok      bool
	}{
		{"n", Leniency{}, 12, true},
		{"big", Leniency{}, 9223372036854775807, true}, // never through float64
		{"s", Leniency{}, 0, false},
		{"s", Leniency{NumericStrings: true}, 500, true},
		{"sp", Leniency{NumericStrings: true}, 0, false},
		{"sp", Leniency{NumericStrings: true, TrimSpace: true}, 7, true},
		{"neg", Leniency{NumericStrings: true}, -3, true},
		{"f", Leniency{NumericStrings: true}, 0, false},
		{"null", Leniency{NumericStrings: true}, 0, false},
		{"absent", Leniency{NumericStrings: true}, 0, false},
	}
	for _, tc := range tests {
		got, ok := mustBody(t, body, tc.lenient).Int(tc.key)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Int(%q) with %+v = %d, %v; want %d, %v", tc.key, tc.lenient, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBodyGetters(t *testing.T) {
	b := mustBody(t, `{"s":" a ","n":7,"o":{"x":"1"},"t":true,"z":null,"billid":5,"billId":null}`, Leniency{NumericStrings: true, TrimSpace: true})
	if s, ok := b.String("s"); s != "a" || !ok {
		t.Errorf("String(s) = %q, %v", s, ok)
	}
	if _, ok := b.String("n"); ok {
		t.Error("String accepted a number")
	}
	if got := b.Text("n"); got != "7" {
		t.Errorf("Text(n) = %q", got)
	}
	if got := b.Text("o"); got != "" {
		t.Errorf("Text(o) = %q", got)
	}
	o, ok := b.Object("o")
	if n, okN := o.Int("x"); !ok || !okN || n != 1 {
		t.Errorf("Object(o).Int(x) = %d, %v, %v: the nested body keeps the leniency", n, ok, okN)
	}
	if _, ok := b.Object("s"); ok {
		t.Error("Object accepted a string")
	}
	if !b.Flag("t") || b.Flag("n") {
		t.Error("Flag")
	}
	if b.Has("z") || b.Has("absent") || !b.Has("n") {
		t.Error("Has: null must read as absent (D-12)")
	}
	if k, ok := b.First("billId", "billid"); k != "billid" || !ok {
		t.Errorf("First = %q, %v: a null billId is absent", k, ok)
	}
	if _, ok := b.First("nope"); ok {
		t.Error("First found an absent key")
	}
}

func FuzzBody(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `{"a":"1"}`, `[]`, `{"a":{"b":null}}`, strings.Repeat("{", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		b, err := exchangeWith(body, false).DecodeObject(testCodes, Leniency{NumericStrings: true, TrimSpace: true})
		if err != nil {
			return
		}
		for k := range b.Map() {
			b.Int(k)
			b.Text(k)
			b.String(k)
			b.Object(k)
			b.Flag(k)
		}
	})
}

// Decoding a typical body (DecodeObject, as the adapters call it) takes
// jsonfast's path: the map, its values and their boxes, not encoding/json's
// Decoder, read buffer, scanner and a string per key (about 1 KB and 16
// allocations a request, issue 15).
func TestDecodeObjectAllocations(t *testing.T) {
	body := `{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"bench-1","params":{"pan":"8600000000000001","exp":"0727"}}`
	x := exchangeWith(body, false)
	allocs := testing.AllocsPerRun(100, func() { _, _ = x.DecodeObject(testCodes, Leniency{}) })
	if allocs > 18 {
		t.Errorf("decoding a check body: %.0f allocations, want at most 18", allocs)
	}
}
