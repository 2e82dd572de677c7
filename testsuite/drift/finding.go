package drift

import (
	"encoding/json"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Kinds of drift.
const (
	Missing     = "missing"       // a required field is absent (also a failure)
	Extra       = "extra"         // a field the schema does not name (drift only)
	Type        = "type"          // another JSON type (also a failure)
	Format      = "format"        // a string not of the schema's format or pattern
	Enum        = "enum"          // a value outside the schema's enum (status strings, codes)
	Status      = "status"        // an HTTP status the contract does not document, or the fake does not answer
	Code        = "code"          // a provider error code not in the catalogue, or not the fake's
	ShapeVsFake = "shape-vs-fake" // a field path or JSON type the fake's answer does not have
)

// Sources: what the live answer was compared with.
const (
	AgainstContract = "contract"
	AgainstFake     = "fake"
)

// Finding is one difference in one live answer.
type Finding struct {
	Source  string `json:"source"`
	Kind    string `json:"kind"`
	Pointer string `json:"pointer"`
	// Want is what the contract or the fake has there ("string", "one of
	// [Введен Проведен Удален]", "HTTP 200", "absent").
	Want string `json:"want,omitempty"`
	// LiveType is the live value's JSON type ("absent" when missing).
	LiveType string `json:"live_type"`
	// Example is the live value, cleaned for humans and cut short.
	Example string `json:"example,omitempty"`
	// Failure: the contract check fails the spec for it too.
	Failure bool `json:"failure,omitempty"`
}

// jsonType names v's JSON type; integers apart from other numbers.
func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := x.Int64(); err == nil || !strings.ContainsAny(x.String(), ".eE") {
			return "integer"
		}
		return "number"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "unknown"
}

// maxExample bounds an example's length.
const maxExample = 60

// example is v as a human may see it: cleaned as the value of field key
// (so a token or password is redacted by its name), objects and arrays
// summarised, cut short.
func example(key string, v any) string {
	switch x := v.(type) {
	case map[string]any:
		return "{…}"
	case []any:
		if len(x) == 0 {
			return "[]"
		}
		return "[…]"
	}
	raw, err := json.Marshal(map[string]any{key: v})
	if err != nil {
		return ""
	}
	var back map[string]json.RawMessage
	if json.Unmarshal([]byte(core.CleanForHumans(string(raw))), &back) != nil {
		return "(hidden)"
	}
	s := string(back[key])
	if r := []rune(s); len(r) > maxExample {
		s = string(r[:maxExample]) + "…"
	}
	return s
}

// lastKey is the last segment of a JSON pointer ("" for the root).
func lastKey(ptr string) string {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return ""
	}
	return strings.ReplaceAll(strings.ReplaceAll(ptr[i+1:], "~1", "/"), "~0", "~")
}

// child is ptr extended by key, escaped as RFC 6901 says.
func child(ptr, key string) string {
	return ptr + "/" + strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

// decode reads a JSON body keeping numbers as written; ok false when it is not JSON.
func decode(body []byte) (any, bool) {
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil || dec.More() {
		return nil, false
	}
	return v, true
}
