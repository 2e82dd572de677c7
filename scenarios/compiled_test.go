package scenarios

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/paysandbox/paysandbox/internal/gendoc"
)

// The compiled default scenario (default_compiled.go) is default.yaml: the
// file is what scenarios/gen writes from today's YAML (an edited
// default.yaml without `go generate ./scenarios` fails here), and Default
// returns what Load reads from the YAML, schema pass included.
func TestCompiledDefaultMatchesYAML(t *testing.T) {
	file, target := gendoc.DefaultScenarioTarget()
	want, err := Load(DefaultSource, DefaultYAML(), Checks{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := gendoc.File(target, want)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(file); err != nil || !bytes.Equal(got, src) {
		t.Fatalf("%s is missing or stale: run go generate ./scenarios after editing default.yaml", file)
	}
	if compiledDefault == nil {
		t.Fatalf("%s registers no compiled default", file)
	}
	got, err := Default(Checks{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("Default() differs from Load's reading of default.yaml")
	}
}

// Each Default() is a copy of its own: a caller changing one (a test
// editing the default before serving it) changes no other.
func TestDefaultReturnsAFreshCopy(t *testing.T) {
	a, err := Default(Checks{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Default(Checks{})
	a.Cards[0].PAN = "changed"
	*a.Cards[0].Balance = -1
	a.Credentials.Anorbank[0].Roles[0] = "changed"
	a.Settings.Paysys.Auth[0] = "changed"
	for name, rm := range a.Rules[0].Match {
		a.Rules[0].Match[name] = append(rm[:0], "changed"...)
	}
	c, _ := Default(Checks{})
	for i, s := range []*Scenario{b, c} {
		if s.Cards[0].PAN == "changed" || *s.Cards[0].Balance == -1 || s.Credentials.Anorbank[0].Roles[0] == "changed" || s.Settings.Paysys.Auth[0] == "changed" {
			t.Errorf("copy %d shares what another caller changed", i)
		}
		for name, rm := range s.Rules[0].Match {
			if string(rm) == "changed" {
				t.Errorf("copy %d shares rule matcher %s", i, name)
			}
		}
	}
}
