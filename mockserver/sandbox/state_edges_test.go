package sandbox

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/scenarios"
)

func scenarioNamed(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	yaml := strings.Replace(string(scenarios.DefaultYAML()), "name: default", "name: "+name, 1)
	sc, err := LoadScenario(name+".yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// Issue 13.7: a state file written under one scenario is refused at a
// start with another, naming both; -state-reset discards it, and says so.
func TestStateFileOfAnotherScenarioIsRefusedUnlessReset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := New(Options{StateFile: path, Scenario: scenarioNamed(t, "first")})
	if err != nil {
		t.Fatal(err)
	}
	do(t, s, "POST", "/ns/kept"+anorLogin, goodLogin)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	same, err := New(Options{StateFile: path, Scenario: scenarioNamed(t, "first")})
	if err != nil {
		t.Fatalf("the same scenario is refused: %v", err)
	}
	if !contains(same.ns.names(), "kept") {
		t.Fatal("the state was not restored under the same scenario")
	}
	_ = same.Close()

	_, err = New(Options{StateFile: path, Scenario: scenarioNamed(t, "second")})
	if err == nil {
		t.Fatal("a state file of scenario first was loaded under scenario second")
	}
	for _, want := range []string{path, `"first"`, `"second"`, "-state-reset"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not name %s", err, want)
		}
	}

	var logs bytes.Buffer
	reset, err := New(Options{StateFile: path, Scenario: scenarioNamed(t, "second"), StateReset: true,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatalf("-state-reset: %v", err)
	}
	defer reset.Close()
	if contains(reset.ns.names(), "kept") {
		t.Error("-state-reset restored the old state")
	}
	if !strings.Contains(logs.String(), "discarded the state file") {
		t.Errorf("-state-reset did not say it discarded the file; log: %s", logs.String())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Issue 13.7: a state file that cannot be written fails at start, with the
// path, not at every save.
func TestStateFileInAnUnwritableDirectoryFailsAtStart(t *testing.T) {
	readOnly := t.TempDir()
	if err := os.Chmod(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(readOnly, 0o755) })
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{
		"missing directory":   filepath.Join(t.TempDir(), "no", "such", "state.json"),
		"not a directory":     filepath.Join(notDir, "state.json"),
		"read-only directory": filepath.Join(readOnly, "state.json"),
	} {
		t.Run(name, func(t *testing.T) {
			if f, err := os.CreateTemp(filepath.Dir(path), "probe"); err == nil {
				f.Close()
				t.Skip("this user can write there anyway (root)")
			}
			s, err := New(Options{StateFile: path})
			if err == nil {
				_ = s.Close()
				t.Fatal("started")
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "cannot write") {
				t.Errorf("error %q does not say which file cannot be written", err)
			}
		})
	}
}

// Issue 13.7: values no running sandbox produces are load errors naming
// their JSON path, the card number masked.
func TestRestoredValuesAreValidated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	do(t, s, "POST", "/ns/ci-1"+anorLogin, goodLogin)
	do(t, s, "POST", "/ns/ci-1/__admin/clock", `{"advance":"1s"}`)
	saveState(t, s, path)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	card := `{"pan":"8600000000000001","expiry":"2027-07",`
	if !bytes.Contains(good, []byte(card)) {
		t.Fatal("the saved file has no card 8600000000000001 to break")
	}
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"negative balance", `"balance":1000000000,"held":0`, `"balance":-5,"held":0`,
			": /namespaces/ci-1/cards/860000******0001: negative balance -5"},
		{"negative hold", `"balance":1000000000,"held":0`, `"balance":1000000000,"held":-1`,
			": /namespaces/ci-1/cards/860000******0001: negative hold -1"},
		{"hold past the largest amount", `"balance":1000000000,"held":0`, `"balance":1000000000,"held":9223372036854775807`,
			": /namespaces/ci-1/cards/860000******0001: balance 1000000000 plus hold 9223372036854775807 pass the largest amount"},
		{"unknown card", card, `{"pan":"8600999999999999","expiry":"2027-07",`,
			": /namespaces/ci-1/cards/860099******9999: unknown card"},
		{"invalid namespace name", `"ci-1":{`, `"ci/1 x":{`,
			`: /namespaces/"ci/1 x": invalid namespace name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Only the saved namespaces are broken, not the base scenario.
			at := bytes.Index(good, []byte(`"namespaces":`))
			bad := append(bytes.Clone(good[:at]), bytes.Replace(good[at:], []byte(tc.old), []byte(tc.new), 1)...)
			if bytes.Equal(bad, good) {
				t.Fatalf("%s not found in the saved file", tc.old)
			}
			p := copyState(t, bad)
			_, err := New(Options{StateFile: p})
			if err == nil {
				t.Fatal("loaded")
			}
			if want := p + tc.want; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("got  %v\nwant %s…", err, want)
			}
			if strings.Contains(err.Error(), "8600000000000001") || strings.Contains(err.Error(), "8600999999999999") {
				t.Errorf("the error shows a whole card number: %v", err)
			}
		})
	}
}

// Issue 13.7: start-up does not grow with counters. A namespace whose ids
// must skip a trillion operations' worth after a crash (reserved far past
// what its state holds) restores as fast as any: counters jump, nothing is
// drawn or replayed one by one.
func TestStartUpDoesNotGrowWithCounters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	reach(t, s, "big-gap", "aloqa")
	reach(t, s, "big-gap", "paysys")
	saveState(t, s, path)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const huge = "1000000000000"
	raised := regexp.MustCompile(`"reserved":\d+`).ReplaceAll(data, []byte(`"reserved":`+huge+`,"id_gap":`+huge))
	if bytes.Equal(raised, data) {
		t.Fatalf("no reservation to raise in %s", data)
	}
	data = raised
	crashed := copyState(t, data)
	t0 := time.Now()
	after := newServer(t, Options{StateFile: crashed, StateInterval: time.Hour})
	reach(t, after, "big-gap", "aloqa")
	reach(t, after, "big-gap", "requisites") // built on first use, with the whole gap
	if d := time.Since(t0); d > 2*time.Second {
		t.Errorf("restoring a namespace with a gap of %s operations took %v", huge, d)
	}
}
