package contracts

import (
	"slices"
	"testing"
)

func TestMethodsComeFromTheDocument(t *testing.T) {
	for _, tc := range []struct {
		contract string
		want     []string
	}{
		{"paysys", []string{"pam.check_payment", "pam.pay_by_cash"}},
		{"anorbank", nil},
		{"aloqa", nil},
		{"requisites", nil},
	} {
		t.Run(tc.contract, func(t *testing.T) {
			if got := MustLoad(tc.contract).Methods(); !slices.Equal(got, tc.want) {
				t.Fatalf("Methods() = %v, want %v", got, tc.want)
			}
		})
	}
}

// The gateway's OtherCall (`not: enum`) must name exactly the documented
// methods, or a known method's params would escape their schema.
func TestOtherCallExcludesExactlyTheMethods(t *testing.T) {
	c := MustLoad("paysys")
	other := kinDoc(t, "paysys").Components.Schemas["OtherCall"].Value.Properties["method"].Value.Not.Value.Enum
	var got []string
	for _, v := range other {
		got = append(got, v.(string))
	}
	slices.Sort(got)
	if want := c.Methods(); !slices.Equal(got, want) {
		t.Fatalf("OtherCall excludes %v, the calls are %v", got, want)
	}
}

func TestRuleOperation(t *testing.T) {
	c := MustLoad("paysys")
	for op, want := range map[string]bool{"gateway": true, "pam.pay_by_cash": true, "pam.check_payment": true, "pam.nope": false, "": false} {
		if got := c.RuleOperation(op); got != want {
			t.Errorf("RuleOperation(%q) = %v, want %v", op, got, want)
		}
	}
}
