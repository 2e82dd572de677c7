package scenarios

import (
	"errors"
	"strings"
	"testing"
)

func TestDefaultLoadsAndRoundTrips(t *testing.T) {
	sc, err := Default(Checks{})
	if err != nil {
		t.Fatalf("default scenario: %v", err)
	}
	if got, want := len(sc.Cards), 52; got != want {
		t.Errorf("cards = %d, want %d", got, want)
	}
	if sc.Cards[0].Vendor != "UZCARD" || sc.Cards[1].Vendor != "HUMO" {
		t.Errorf("vendors from BIN: %s, %s", sc.Cards[0].Vendor, sc.Cards[1].Vendor)
	}
	if got := sc.Settings.OTP.TTL.D().Seconds(); got != 120 {
		t.Errorf("otp ttl = %vs", got)
	}
	// D-9: what GET /__admin/scenario returns is accepted back unchanged.
	js, err := sc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Load("roundtrip.json", js, Checks{})
	if err != nil {
		t.Fatalf("round trip rejected: %v", err)
	}
	js2, _ := again.JSON()
	if string(js) != string(js2) {
		t.Errorf("round trip changed the scenario")
	}
}

func TestLoadReportsEveryProblemWithPath(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"unknown key", "version: 1\nsettings: {otp: {ttll: 5s}}\n", []string{"bad.yaml: /settings/otp/ttll: unknown key"}},
		{"missing version", "name: x\n", []string{"bad.yaml: /: missing property 'version'"}},
		{"bad pan and duration", "version: 1\nsettings: {otp: {ttl: soon}}\ncards: [{pan: '12', expiry: 2027-07}]\n",
			[]string{"/cards/0/pan", "/settings/otp/ttl"}},
		{"duplicate pan", "version: 1\ncards: [{pan: '8600000000000001', expiry: 2027-07}, {pan: '8600000000000001', expiry: 2027-07}]\n",
			[]string{"/cards/1/pan: duplicate PAN"}},
		{"vendor vs BIN", "version: 1\ncards: [{pan: '8600000000000001', expiry: 2027-07, vendor: HUMO}]\n",
			[]string{"/cards/0/vendor: HUMO does not match"}},
		{"not yaml", "{{{", []string{"bad.yaml: /: not YAML or JSON"}},
		{"balance with no room for a credit (issue 13.10)", "version: 1\ncards: [{pan: '8600000000000001', expiry: 2027-07, balance: 9223372036854775807}]\n",
			[]string{"/cards/0/balance: maximum"}},
		{"apply_then_error without error", "version: 1\nrules: [{provider: paysys, fault: apply_then_error}]\n",
			[]string{"/rules/0: missing property 'error'"}},
		{"unknown auth_timestamp", "version: 1\nsettings: {paysys: {auth_timestamp: s}}\n",
			[]string{"/settings/paysys/auth_timestamp"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("bad.yaml", []byte(tc.doc), Checks{})
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want *LoadError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("report %q lacks %q", err.Error(), w)
				}
			}
		})
	}
}

func TestRuleChecksUseCatalogue(t *testing.T) {
	doc := "version: 1\nrules: [{provider: requisites, operation: nope, error: 4242}]\n"
	_, err := Load("r.yaml", []byte(doc), Checks{
		CodeKnown:      func(p, c string) bool { return c == "1111" },
		OperationKnown: func(p, op string) bool { return op == "payment" },
	})
	if err == nil || !strings.Contains(err.Error(), "/rules/0/error") || !strings.Contains(err.Error(), "/rules/0/operation/0") {
		t.Fatalf("err = %v, want error and operation problems", err)
	}
}

// Default() trusts the embedded file to match schema.json; this is the proof.
func TestDefaultPassesTheSchema(t *testing.T) {
	if _, err := Load("default.yaml", DefaultYAML(), Checks{}); err != nil {
		t.Fatalf("the embedded default does not pass schema.json: %v", err)
	}
}
