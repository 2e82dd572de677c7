package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// golden is testdata/state-v1.json: written by the release before this
// format had a constant (cmd: SaveState after a hold in "default", a pay in
// "golden", and a scenario PUT to "own", on examples/ci-deterministic.yaml).
const golden = "testdata/state-v1.json"

var goldenNow = time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)

// copyState copies data to a fresh state file path.
func copyState(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// A state file of the current release still loads, every namespace with
// its own state; were stateVersion bumped, it must fail with the message.
func TestStateFileOfTheReleaseLoads(t *testing.T) {
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	path := copyState(t, data)
	s, err := New(Options{StateFile: path, Now: func() time.Time { return goldenNow }})
	if stateVersion != 1 {
		want := fmt.Sprintf("state file %s written by version 1, this binary reads %d", path, stateVersion)
		if err == nil || err.Error() != want {
			t.Fatalf("got %v, want %s", err, want)
		}
		return
	}
	if err != nil {
		t.Fatalf("the release's state file does not load: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	for _, tc := range []struct {
		ns, status   string
		held, avail  float64
		scenarioName string
	}{
		{"/", "HOLD_SUCCESS", 70000, 1_000_000_000 - 70000, "ci-deterministic"},
		{"/ns/golden/", "SUCCESS", 0, 1_000_000_000 - 70000, "ci-deterministic"},
		{"/ns/own/", "", 0, 1_000_000_000, "own"},
	} {
		t.Run(tc.ns, func(t *testing.T) {
			_, view := do(t, s, "GET", tc.ns+"__admin/state/anorbank", "")
			bills, _ := view["bills"].([]any)
			if tc.status == "" {
				if len(bills) != 0 {
					t.Fatalf("bills %v, want none", bills)
				}
			} else if len(bills) != 1 || bills[0].(map[string]any)["status"] != tc.status {
				t.Fatalf("bills %v, want one %s", bills, tc.status)
			}
			_, cards := do(t, s, "GET", tc.ns+"__admin/state/cards", "")
			card := cards["cards"].([]any)[0].(map[string]any)
			if card["balance"] != tc.avail || card["held"] != tc.held {
				t.Fatalf("card %v, want available %v held %v", card, tc.avail, tc.held)
			}
			if _, h := do(t, s, "GET", tc.ns+"__admin/health", ""); h["scenario"] != tc.scenarioName {
				t.Fatalf("scenario %v, want %s", h["scenario"], tc.scenarioName)
			}
		})
	}
}

// A state file of another version fails start-up with a message naming
// both versions; one without a version reads as version 0.
func TestStateFileOfAnotherVersionFails(t *testing.T) {
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	next := stateVersion + 1
	for _, tc := range []struct {
		name    string
		version string
		want    int
	}{
		{"newer", fmt.Sprintf(`"version":%d`, next), next},
		{"older", `"version":0`, 0},
		{"none", `"_":1`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := bytes.Replace(data, []byte(`"version":1,"saved_at"`), []byte(tc.version+`,"saved_at"`), 1)
			if bytes.Equal(other, data) {
				t.Fatal("the golden file's version was not found to replace")
			}
			path := copyState(t, other)
			_, err := New(Options{StateFile: path, Now: func() time.Time { return goldenNow }})
			want := fmt.Sprintf("state file %s written by version %d, this binary reads %d", path, tc.want, stateVersion)
			if err == nil || err.Error() != want {
				t.Fatalf("got %v\nwant %s", err, want)
			}
		})
	}
}

// What SaveState writes carries this binary's version and loads again.
func TestSavedStateCarriesTheVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{})
	do(t, s, "GET", "/__admin/health", "")
	if err := s.SaveState(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var head struct{ Version int }
	if err := json.Unmarshal(data, &head); err != nil || head.Version != stateVersion {
		t.Fatalf("version %d (%v), want %d", head.Version, err, stateVersion)
	}
	if err := newServer(t, Options{}).RestoreState(path); err != nil {
		t.Fatal(err)
	}
}
