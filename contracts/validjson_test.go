package contracts

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

// decodes reports whether data starts with a JSON value json.Decoder
// decodes, and that value.
func decodes(data []byte) (any, bool) {
	v, err := decodeJSON(data)
	return v, err == nil
}

// ValidJSON's Pass and Fail are Valid's verdict on the decoded value, on
// every corpus value of every schema, written compactly, indented, and with
// escapes; Unknown stays rare.
func TestValidJSONAgreesWithValid(t *testing.T) {
	compared, unknown := 0, 0
	seen := map[*schema.Node]bool{}
	for _, sc := range allSchemaCases() {
		if seen[sc.n] {
			continue
		}
		seen[sc.n] = true
		for i, v := range corpusFor(sc) {
			if !sampled(i) || i%3 != 0 { // a sample: three encodings of each
				continue
			}
			compact, _ := json.Marshal(v)
			indented, _ := json.MarshalIndent(v, " ", "\t")
			escaped := bytes.ReplaceAll(compact, []byte(`"a`), []byte(`"\u0061`)) // strings and keys starting with a
			for variant, raw := range [][]byte{compact, indented, escaped} {
				decoded, ok := decodes(raw)
				if !ok {
					t.Fatalf("%s: %s does not decode", sc.name, raw)
				}
				want := sc.n.Valid(decoded)
				got := sc.n.ValidJSON(raw)
				compared++
				switch {
				case got == schema.Unknown:
					if variant < 2 { // an escaped key is always left to Valid
						unknown++
					}
				case (got == schema.Pass) != want:
					t.Errorf("%s: %s: ValidJSON=%v, Valid=%v", sc.name, raw, got, want)
				}
			}
		}
	}
	if compared < atLeast(20000) || unknown > compared/10 {
		t.Fatalf("%d values compared, %d unknown", compared, unknown)
	}
	t.Logf("%d values compared, %d left to Valid (unknown)", compared, unknown)
}

// FuzzValidJSON: on any bytes, a Pass or Fail is Valid's verdict on what
// json.Decoder decodes, and there is no verdict when it decodes nothing.
func FuzzValidJSON(f *testing.F) {
	var nodes []*schema.Node
	for _, sc := range allSchemaCases() {
		nodes = append(nodes, sc.n)
		for _, ex := range sc.examples {
			b, _ := json.Marshal(ex)
			f.Add(uint(len(nodes)-1), b)
		}
	}
	for _, s := range []string{`{"a":1,"a":"x"}`, `{"\u0061":1}`, ` [1, 2 ,3] x`, `"\ud800"`, "\"\xff\"", `{"a":`, `-01`, `1.`, `1e`, `[1,]`, `{,}`, `nul`, "\"\x1f\"", "\"a\x00\"", `"\x"`, `"\u12"`, `{"a" 1}`, `[1 2]`, `01`, `-`, `1e+`} {
		f.Add(uint(0), []byte(s))
	}
	f.Fuzz(func(t *testing.T, idx uint, data []byte) {
		n := nodes[idx%uint(len(nodes))]
		got := n.ValidJSON(data)
		v, ok := decodes(data)
		if !ok {
			if got != schema.Unknown {
				t.Fatalf("%q does not decode, ValidJSON=%v", data, got)
			}
			return
		}
		if got != schema.Unknown && (got == schema.Pass) != n.Valid(v) {
			t.Fatalf("%q: ValidJSON=%v, Valid=%v", data, got, n.Valid(v))
		}
	})
}
