package anorbank

import "testing"

// get-user-cards names the issuing bank as §3.5 spells it ("AnorBank",
// "KapitalBank"), whatever spelling the scenario uses; another bank as the
// scenario writes it; a card the scenario gives no bank is AnorBank's.
func TestBankNameAsTheReferenceSpellsIt(t *testing.T) {
	for _, tc := range []struct{ scenario, want string }{
		{"Anorbank", "AnorBank"}, // scenarios/default.yaml
		{"AnorBank", "AnorBank"},
		{"Anor Bank", "AnorBank"},
		{"ANORBANK", "AnorBank"},
		{"Kapitalbank", "KapitalBank"}, // scenarios/default.yaml
		{"kapital-bank", "KapitalBank"},
		{"Hamkorbank", "Hamkorbank"},
		{"", "AnorBank"},
		{"  ", "AnorBank"},
	} {
		if got := bankNameOf(tc.scenario); got != tc.want {
			t.Errorf("bank %q: bankName %q, want %q", tc.scenario, got, tc.want)
		}
	}
}
