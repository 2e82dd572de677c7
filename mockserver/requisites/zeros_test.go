package requisites

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/scenarios"
)

// withSettleAfter is the default scenario's provider with settings.requisites
// settle_after replaced (left out when settle is empty), on a frozen clock.
func withSettleAfter(tb testing.TB, settle string) *Service {
	tb.Helper()
	const old = "settle_after: 5s, "
	doc := string(scenarios.DefaultYAML())
	if !strings.Contains(doc, old) {
		tb.Fatal("default.yaml no longer has the settle_after this test replaces")
	}
	doc = strings.Replace(doc, old, settle, 1)
	sc, err := scenarios.Load("zeros.yaml", []byte(doc), scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	env := core.Env{Namespace: "test", Seed: 42, Clock: clock.NewSandbox(start, true, nil), Log: slog.New(slog.DiscardHandler)}
	return New(env, sc)
}

// settle_after: 0s means an order is due at once: the next look finds it
// Проведен with no clock move; left out, it stays Введен for 5s.
func TestSettleAfterZeroSettlesAtOnce(t *testing.T) {
	for _, tc := range []struct {
		name   string
		settle string
		want   Status
	}{
		{"zero", "settle_after: 0s, ", StatusPosted},
		{"left out (5s)", "", StatusEntered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := withSettleAfter(t, tc.settle)
			mustPay(t, s, goodPayment("z1"), Outcome{})
			o, err := s.Order("z1")
			if err != nil {
				t.Fatal(err)
			}
			if o.Status != tc.want {
				t.Fatalf("status %s, want %s", o.Status, tc.want)
			}
		})
	}
}
