package requisiteshttp

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// malformed marks a request the fake cannot read at all (over 1 MiB, not
// JSON, not an object): HTTP 400 with 1017 (RQ-6).
type malformed struct{ err *core.Error }

func (m malformed) Error() string { return m.err.Error() }
func (m malformed) Unwrap() error { return m.err }

func badRequest(format string, args ...any) error {
	return malformed{core.Failf(requisites.CodeMissingFields, format, args...)}
}

// decode reads the JSON object body. Numbers keep their text (UseNumber), so
// "500" and 500 read the same (RQ-4). A body that breaks the (lenient)
// contract, e.g. a boolean amount, is 1017 with HTTP 200.
func decode(x *wire.Exchange) (map[string]any, error) {
	if x.TooLarge() {
		return nil, badRequest("body over 1 MiB")
	}
	dec := json.NewDecoder(bytes.NewReader(x.Body()))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, badRequest("not JSON: %v", err)
	}
	if dec.More() {
		return nil, badRequest("trailing data after the JSON value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest("the body is not a JSON object")
	}
	if err := x.ValidateDecoded(v); err != nil {
		return nil, core.Failf(requisites.CodeMissingFields, "%v", err)
	}
	return obj, nil
}

// text returns a field as text: a string as is, a number as its decimal
// text; absent, null or anything else is "".
func text(body map[string]any, key string) string {
	switch v := body[key].(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

// facts are what the rules see: the named facts of SCENARIOS.md §1, raw
// body.<path> and header.<name>.
type facts struct {
	named rules.FactMap
	body  map[string]any
	r     *http.Request
}

func (f facts) Fact(key string) (any, bool) {
	if v, ok := f.named[key]; ok {
		return v, true
	}
	if name, ok := strings.CutPrefix(key, "header."); ok {
		v := f.r.Header.Get(name)
		return v, v != ""
	}
	path, ok := strings.CutPrefix(key, "body.")
	if !ok {
		return nil, false
	}
	var cur any = f.body
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
