package schemaref

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// What this package brings (jsonschema/v6 and its 7.7 ms init) stays out of
// the mockserver and everything it is built from.
func TestMockserverDoesNotLinkTheReference(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "../../mockserver/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	const self = "github.com/paysandbox/paysandbox/scenarios/schemaref"
	if !slices.Contains(deps, "github.com/paysandbox/paysandbox/scenarios") {
		t.Fatalf("the mockserver's dependencies do not include scenarios; is this the list this test expects?")
	}
	if slices.Contains(deps, self) {
		t.Errorf("a mockserver package depends on %s", self)
	}
}
