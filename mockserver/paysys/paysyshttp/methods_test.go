package paysyshttp

import (
	"maps"
	"slices"
	"testing"

	"github.com/paysandbox/paysandbox/contracts"
)

// The method table serves exactly the methods contracts/paysys.yaml
// defines: the document is the one list (rules and faults read it too).
func TestMethodTableIsTheContractsList(t *testing.T) {
	a, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	got := slices.Sorted(maps.Keys(a.methods))
	if want := contracts.MustLoad("paysys").Methods(); !slices.Equal(got, want) {
		t.Fatalf("the adapter serves %v, the contract defines %v", got, want)
	}
}
