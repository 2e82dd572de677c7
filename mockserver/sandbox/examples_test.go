package sandbox

import (
	"os"
	"path/filepath"
	"testing"
)

// Every example scenario shipped in scenarios/examples loads with all the
// checks the binary applies to -scenario files.
func TestExampleScenariosLoad(t *testing.T) {
	files, err := filepath.Glob("../../scenarios/examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no example scenarios (%v)", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := LoadScenario(filepath.Base(f), data)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if _, err := New(Options{Scenario: sc}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
