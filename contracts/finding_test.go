package contracts

import (
	"net/http"
	"testing"
)

// A finding inside a branch of a branch keeps the whole path: an Aloqa
// answer whose result is a string is wrong at /result (the success branch),
// not at /error (null is what the success branch wants there).
func TestFindingKeepsTheNestedBranchPath(t *testing.T) {
	op, _ := MustLoad("aloqa").Operation("p2p/confirm")
	h := http.Header{"Content-Type": {"application/json"}}
	err := op.ValidateResponse(nil, nil, 200, h, []byte(`{"error":null,"result":"100"}`))
	const want = "response body doesn't match schema: /result: value must be an object"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %q", err, want)
	}
}
