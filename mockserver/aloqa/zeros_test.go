package aloqa

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// withAloqaSettings is a Service on the default scenario with its
// settings.aloqa line replaced.
func withAloqaSettings(tb testing.TB, aloqa string) *Service {
	tb.Helper()
	sc := aloqaScenario(tb, aloqa)
	env := core.Env{Namespace: "t", Seed: 1, Clock: clock.NewSandbox(start, true, nil), SMS: sms.NewOutbox(0),
		Cards: core.NewCards(ledger(sc.Cards)), Log: slog.New(slog.DiscardHandler)}
	return New(env, sc)
}

// aloqaScenario is the default scenario with its settings.aloqa line replaced.
func aloqaScenario(tb testing.TB, aloqa string) *scenarios.Scenario {
	tb.Helper()
	const line = "  aloqa: {min_amount: 100, max_amount: 10000000000, card_token_ttl: 8760h}\n"
	doc := string(scenarios.DefaultYAML())
	if !strings.Contains(doc, line) {
		tb.Fatal("default.yaml no longer has the settings.aloqa line this test replaces")
	}
	doc = strings.Replace(doc, line, "  aloqa: {"+aloqa+"}\n", 1)
	sc, err := scenarios.Load("zeros.yaml", []byte(doc), scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	return sc
}

// min_amount: 0 means no minimum (1 tiyin passes); max_amount: 0 means
// every amount is too large; left out, 100 and 10 000 000 000 apply.
func TestAmountLimitsHonourZero(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings string
		amount   core.Tiyin
		want     string // "" = accepted
	}{
		{"min zero, 1 tiyin", "min_amount: 0", 1, ""},
		{"min left out, 99", "", 99, CodeAmountTooSmall},
		{"min left out, 100", "", 100, ""},
		{"max zero, 1 tiyin", "min_amount: 0, max_amount: 0", 1, CodeAmountTooLarge},
		{"max left out, at the max", "", 10_000_000_000, ""},
		{"max left out, past the max", "", 10_000_000_001, CodeAmountTooLarge},
		{"amount 0 is still -32368", "min_amount: 0", 0, CodeEnterAmount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := withAloqaSettings(t, tc.settings).checkAmount(tc.amount)
			if got, _ := core.CodeOf(err); got != tc.want {
				t.Fatalf("checkAmount(%d) = %v, want %q", tc.amount, err, tc.want)
			}
		})
	}
}
