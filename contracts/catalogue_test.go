package contracts

import (
	"strings"
	"testing"
)

// Every entry says what a client must do about it (error coverage groups
// and gates by it); a catalogue without it, or with another word, does not load.
func TestCatalogueEntriesCarryAHandling(t *testing.T) {
	for _, p := range Providers {
		cat, err := loadCatalogue(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range cat.Entries {
			if e.Handling == "" {
				t.Errorf("%s %q has no handling", p, e.Code)
			}
		}
	}
	entry := "provider: paysys\nentries:\n  - code: \"-32318\"\n    status: 200\n    messages: {ru: x}\n"
	for _, handling := range []string{"", "    handling: sometimes\n"} {
		if _, err := ParseCatalogue("paysys", []byte(entry+handling)); err == nil || !strings.Contains(err.Error(), "handling") {
			t.Errorf("handling %q: err = %v, want a handling error", handling, err)
		}
	}
	if _, err := ParseCatalogue("paysys", []byte(entry+"    handling: retry\n")); err != nil {
		t.Errorf("a valid entry: %v", err)
	}
}
