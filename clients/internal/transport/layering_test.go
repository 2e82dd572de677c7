package transport

import (
	"os/exec"
	"strings"
	"testing"
)

// STYLE.md §2: clients/* -> stdlib only (and this shared transport); never
// mockserver, contracts only in _test files. Checked over transitive deps of
// the non-test packages.
func TestClientsImportOnlyTheStandardLibrary(t *testing.T) {
	const module = "github.com/paysandbox/paysandbox/"
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "../../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 6 {
		t.Fatalf("listed %d packages; is the layout what this test expects?", len(lines))
	}
	for _, line := range lines {
		pkg, deps, _ := strings.Cut(line, " ")
		for _, d := range strings.Fields(deps) {
			first, _, _ := strings.Cut(d, "/")
			if strings.Contains(first, ".") && !strings.HasPrefix(d, module+"clients/internal/") {
				t.Errorf("%s depends on %s; a client imports only the standard library", pkg, d)
			}
		}
	}
}
