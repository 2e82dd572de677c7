package scenarios

import (
	"os/exec"
	"strings"
	"testing"
)

// Issue 15: the mockserver links this package, and Go runs the init of
// every package linked: jsonschema/v6's compiles five meta-schemas (7.7 ms
// of a 28 ms start-up). Scenario files are checked by schema_*.go; the
// reference validator (scenarios/schemaref) is for tests and the profile.
func TestScenariosDoNotLinkJSONSchema(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps lists %d packages; is that the package's dependencies?", len(deps))
	}
	for _, d := range deps {
		for _, banned := range []string{"github.com/santhosh-tekuri/jsonschema", "golang.org/x/text", "github.com/paysandbox/paysandbox/scenarios/schemaref"} {
			if strings.HasPrefix(d, banned) {
				t.Errorf("scenarios depends on %s", d)
			}
		}
	}
}
