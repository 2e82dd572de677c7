package requisiteshttp

import (
	"bytes"
	"encoding/json"

	"github.com/paysandbox/paysandbox/mockserver/core"
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
