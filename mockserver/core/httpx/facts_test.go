package httpx

import (
	"net/http"
	"testing"
)

func TestFacts(t *testing.T) {
	f := &Facts{
		Named:  map[string]any{"pan": "8600000000000001"},
		Body:   []byte(`{"receiverAccount":"20208000900000033333","params":{"otp":"1","n":12}}`),
		Header: http.Header{"Lang": []string{"uz"}},
	}
	tests := []struct {
		key  string
		want any
		ok   bool
	}{
		{"pan", "8600000000000001", true},
		{"body.receiverAccount", "20208000900000033333", true},
		{"body.params.otp", "1", true},
		{"body.params.n", "12", true},
		{"body.params.missing", nil, false},
		{"body.receiverAccount.x", nil, false},
		{"header.lang", "uz", true},
		{"header.app-name", "", false},
		{"amount", nil, false},
	}
	for _, tc := range tests {
		got, ok := f.Fact(tc.key)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("Fact(%q) = %v, %v; want %v, %v", tc.key, got, ok, tc.want, tc.ok)
		}
	}
	bad := &Facts{Body: []byte(`not json`)}
	if _, ok := bad.Fact("body.x"); ok {
		t.Error("a body fact from a body that is not JSON")
	}
}
