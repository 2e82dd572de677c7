package scenarios

import (
	"strings"
	"testing"
	"time"
)

// A key the file writes is the value in force, zero included; a key it
// leaves out gets DefaultSettings' value.
func TestExplicitZerosAreTheValueInForce(t *testing.T) {
	def := DefaultSettings()
	for _, tc := range []struct {
		name     string
		settings string // YAML under settings:
		get      func(*Scenario) any
		zero     any // when written as 0
		absent   any // when left out
	}{
		{"hold_topup_limit", "{anorbank: {hold_topup_limit: 0}}",
			func(s *Scenario) any { return s.Settings.Anorbank.HoldTopUpLimit }, 0.0, def.Anorbank.HoldTopUpLimit},
		{"reverse_after", "{anorbank: {reverse_after: 0s}}",
			func(s *Scenario) any { return s.Settings.Anorbank.ReverseAfter }, Duration(0), Duration(60 * time.Second)},
		{"settle_after", "{requisites: {settle_after: 0s}}",
			func(s *Scenario) any { return s.Settings.Requisites.SettleAfter }, Duration(0), Duration(5 * time.Second)},
		{"anorbank hold_ttl (0s: holds never expire, D-18)", "{anorbank: {hold_ttl: 0s}}",
			func(s *Scenario) any { return s.Settings.Anorbank.HoldTTL }, Duration(0), Duration(30 * 24 * time.Hour)},
		{"aloqa hold_ttl (0s: holds never expire, D-18)", "{aloqa: {hold_ttl: 0s}}",
			func(s *Scenario) any { return s.Settings.Aloqa.HoldTTL }, Duration(0), Duration(30 * 24 * time.Hour)},
		{"min_amount", "{aloqa: {min_amount: 0}}",
			func(s *Scenario) any { return s.Settings.Aloqa.MinAmount }, int64(0), int64(100)},
		{"max_amount", "{aloqa: {max_amount: 0}}",
			func(s *Scenario) any { return s.Settings.Aloqa.MaxAmount }, int64(0), int64(10_000_000_000)},
		{"card_token_ttl", "{aloqa: {card_token_ttl: 0s}}",
			func(s *Scenario) any { return s.Settings.Aloqa.CardTokenTTL }, Duration(0), Duration(8760 * time.Hour)},
		{"max_skew", "{paysys: {max_skew: 0s}}",
			func(s *Scenario) any { return s.Settings.Paysys.MaxSkew }, Duration(0), Duration(5 * time.Minute)},
		{"otp resends", "{otp: {resends: 0}}",
			func(s *Scenario) any { return s.Settings.OTP.Resends }, 0, 1},
		{"otp ttl", "{otp: {ttl: 0s}}",
			func(s *Scenario) any { return s.Settings.OTP.TTL }, Duration(0), Duration(120 * time.Second)},
		{"token_ttl", "{anorbank: {token_ttl: 0s}}",
			func(s *Scenario) any { return s.Settings.Anorbank.TokenTTL }, Duration(0), Duration(86398 * time.Second)},
		{"a provider's own latency", "{latency: {default: 80ms, paysys: 0s}}",
			func(s *Scenario) any { return s.Settings.Latency.For("paysys") }, time.Duration(0), time.Duration(0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := Load("zero.yaml", []byte("version: 1\nsettings: "+tc.settings+"\n"), Checks{})
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.get(sc); got != tc.zero {
				t.Errorf("written as zero: %v (%T), want %v", got, got, tc.zero)
			}
			sc, err = Load("absent.yaml", []byte("version: 1\n"), Checks{})
			if err != nil {
				t.Fatal(err)
			}
			if got := tc.get(sc); got != tc.absent {
				t.Errorf("left out: %v, want %v", got, tc.absent)
			}
		})
	}
}

// Defaults stay visible: the scenario as JSON (GET /__admin/scenario)
// names every effective setting, and loading it back changes nothing.
func TestEffectiveSettingsAreInTheJSON(t *testing.T) {
	sc, err := Load("small.yaml", []byte("version: 1\nseed: 0\nsettings: {anorbank: {hold_topup_limit: 0}}\n"), Checks{})
	if err != nil {
		t.Fatal(err)
	}
	js, err := sc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"seed": 0`, `"hold_topup_limit": 0`, `"reverse_after": "1m0s"`, `"settle_after": "5s"`,
		`"min_amount": 100`, `"resends": 1`, `"hold_ttl": "720h0m0s"`, `"max_skew": "5m0s"`, `"default": "0s"`} {
		if !strings.Contains(string(js), want) {
			t.Errorf("JSON lacks %s:\n%s", want, js)
		}
	}
	again, err := Load("again.json", js, Checks{})
	if err != nil {
		t.Fatal(err)
	}
	if js2, _ := again.JSON(); string(js2) != string(js) {
		t.Errorf("round trip changed the scenario:\n%s\n%s", js, js2)
	}
}

// A negative duration is a load error at its own pointer, listed like
// every other scenario problem.
func TestNegativeDurationsAreLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		doc  string
		path string
	}{
		{"settings: {latency: {default: -1s}}", "/settings/latency/default"},
		{"settings: {latency: {jitter: -1s}}", "/settings/latency/jitter"},
		{"settings: {latency: {anorbank: -1s}}", "/settings/latency/anorbank"},
		{"settings: {latency: {aloqa: -1s}}", "/settings/latency/aloqa"},
		{"settings: {latency: {paysys: -1s}}", "/settings/latency/paysys"},
		{"settings: {latency: {requisites: -1s}}", "/settings/latency/requisites"},
		{"settings: {otp: {ttl: -1s}}", "/settings/otp/ttl"},
		{"settings: {anorbank: {token_ttl: -1s}}", "/settings/anorbank/token_ttl"},
		{"settings: {anorbank: {refresh_ttl: -1s}}", "/settings/anorbank/refresh_ttl"},
		{"settings: {anorbank: {reverse_after: -1s}}", "/settings/anorbank/reverse_after"},
		{"settings: {anorbank: {hold_ttl: -1s}}", "/settings/anorbank/hold_ttl"},
		{"settings: {aloqa: {card_token_ttl: -1s}}", "/settings/aloqa/card_token_ttl"},
		{"settings: {aloqa: {hold_ttl: -1s}}", "/settings/aloqa/hold_ttl"},
		{"settings: {paysys: {max_skew: -1s}}", "/settings/paysys/max_skew"},
		{"settings: {requisites: {settle_after: -1s}}", "/settings/requisites/settle_after"},
		{"paysys: {wallets: [{vendor_id: 1, account: '998900000002', statuses: [{status: 1, for: -1s}, {status: 2}]}]}",
			"/paysys/wallets/0/statuses/0/for"},
		{"rules: [{provider: '*', delay: -1s}]", "/rules/0/delay"},
		{"rules: [{provider: paysys, outcome: {statuses: [{status: 1, for: -1s}, {status: 2}]}}]",
			"/rules/0/outcome/statuses/0/for"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			_, err := Load("neg.yaml", []byte("version: 1\n"+tc.doc+"\n"), Checks{})
			want := "neg.yaml: " + tc.path + ": negative duration -1s; want 0s or more"
			if err == nil || err.Error() != want {
				t.Fatalf("got %v\nwant %s", err, want)
			}
		})
	}
}

// The requisites codes a setting names must be in the catalogue: 0 is not
// silently 1111 any more, so it must not load either.
func TestRequisitesCodeSettingsAreCatalogueCodes(t *testing.T) {
	known := Checks{CodeKnown: func(p, code string) bool { return p == "requisites" && code == "1111" }}
	for _, tc := range []struct {
		settings, want string
	}{
		{"{requisites: {duplicate_order_code: 0}}", "codes.yaml: /settings/requisites/duplicate_order_code: 0 is not in the requisites catalogue"},
		{"{requisites: {insufficient_balance_code: 0}}", "codes.yaml: /settings/requisites/insufficient_balance_code: 0 is not in the requisites catalogue"},
		{"{}", ""},
	} {
		_, err := Load("codes.yaml", []byte("version: 1\nsettings: "+tc.settings+"\n"), known)
		if got := errText(err); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.settings, got, tc.want)
		}
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
