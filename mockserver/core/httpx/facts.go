package httpx

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// Facts is what a request tells the rules (SCENARIOS.md §1): the named facts
// an adapter publishes (pan, amount in tiyin, phone, ...), body.<path> read
// from the JSON body, and header.<name>. The body is decoded only when a
// rule asks for a body fact.
type Facts struct {
	Named  map[string]any
	Body   []byte
	Header http.Header

	decoded bool
	body    any
}

// Fact implements rules.Facts.
func (f *Facts) Fact(key string) (any, bool) {
	if v, ok := f.Named[key]; ok {
		return v, true
	}
	if name, ok := strings.CutPrefix(key, "header."); ok {
		v := f.Header.Get(name)
		return v, v != ""
	}
	path, ok := strings.CutPrefix(key, "body.")
	if !ok {
		return nil, false
	}
	if !f.decoded {
		f.decoded = true
		dec := json.NewDecoder(bytes.NewReader(f.Body))
		dec.UseNumber()
		_ = dec.Decode(&f.body)
	}
	cur := f.body
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[part]; !ok {
			return nil, false
		}
	}
	if n, ok := cur.(json.Number); ok {
		return n.String(), true
	}
	return cur, true
}
