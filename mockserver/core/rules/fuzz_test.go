package rules

import (
	"encoding/json"
	"testing"
)

// Matchers come from scenario files and /__admin/faults bodies.
func FuzzMatcher(f *testing.F) {
	for _, s := range []string{`"x"`, `1`, `{"gte": 5}`, `{"in": [1, "a"]}`, `{"regex": "^86"}`, `{"exists": true}`, `{"suffix": 3}`, `null`, `[]`} {
		f.Add(s, "8600000000000001")
	}
	f.Fuzz(func(t *testing.T, matcher, value string) {
		var m Matcher
		if err := json.Unmarshal([]byte(matcher), &m); err != nil {
			return
		}
		m.Test(value, true)
		m.Test(int64(len(value)), true)
		m.Test(nil, false)
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("an accepted matcher does not encode: %v", err)
		}
	})
}
