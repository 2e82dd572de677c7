package sandbox_test

import (
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// twoProviders is Anor Bank and AloqaGateway on one card ledger and one
// frozen clock, as a namespace builds them.
type twoProviders struct {
	clock *clock.Sandbox
	anor  *anorbank.Service
	aloqa *aloqa.Service
}

const (
	zonePAN   = "8600312900000016"
	zonePhone = "998901234567"
)

func mustTwoProviders(tb testing.TB, at time.Time, dailySMS int) *twoProviders {
	tb.Helper()
	sc, err := scenarios.Default(scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	cards := core.NewCards([]core.Card{{
		PAN: zonePAN, Expiry: core.YearMonth{Year: 2027, Month: 7}, Phone: zonePhone, Balance: 1_000_00,
		Currency: 860, Status: core.CardActive, SMS: true, Processing: core.ProcessingOK, DailySMS: dailySMS,
		Vendor: core.VendorUzcard, Bank: "Anorbank", Holder: "ALI VALIYEV",
	}})
	clk := clock.NewSandbox(at, true, nil)
	env := core.Env{Namespace: "zone", Seed: 1, Clock: clk, SMS: sms.NewOutbox(100), Cards: cards,
		Log: slog.New(slog.DiscardHandler)}
	return &twoProviders{clock: clk, anor: anorbank.New(env, sc), aloqa: aloqa.New(env, sc)}
}

// sendCodes asks each provider to text the card a binding code and returns
// each provider's answer.
func (p *twoProviders) sendCodes(agent string) (anorErr, aloqaErr error) {
	_, anorErr = p.anor.SendOTP(agent, anorbank.CardRef{PAN: zonePAN, Expiry: "0727"})
	_, aloqaErr = p.aloqa.AddCard(zonePAN, "0727", zonePhone, aloqa.LangRU)
	return anorErr, aloqaErr
}

// A card expiring 07/2027 is valid for both providers until midnight
// Tashkent (19:00 UTC on July 31) and expired for both from then on: no
// five-hour window where one provider accepts what the other refuses.
func TestCardExpiryAgreesAcrossProviders(t *testing.T) {
	tests := []struct {
		at      time.Time
		expired bool
	}{
		{time.Date(2027, 7, 31, 18, 59, 59, 0, time.UTC), false},
		{time.Date(2027, 7, 31, 19, 0, 0, 0, time.UTC), true},
		{time.Date(2027, 7, 31, 21, 30, 0, 0, time.UTC), true}, // still July 31 in UTC
		{time.Date(2027, 7, 31, 23, 59, 59, 0, time.UTC), true},
		{time.Date(2027, 8, 1, 0, 0, 0, 0, core.Tashkent), true},
		{time.Date(2027, 7, 31, 23, 59, 59, 0, core.Tashkent), false},
	}
	for _, tc := range tests {
		t.Run(tc.at.Format(time.RFC3339), func(t *testing.T) {
			anorErr, aloqaErr := mustTwoProviders(t, tc.at, -1).sendCodes("agent")
			if got, want := errors.Is(anorErr, core.Fail(anorbank.CodeCardNotValid)), tc.expired; got != want || (!want && anorErr != nil) {
				t.Errorf("Anor Bank: send-otp = %v, want expired %v", anorErr, want)
			}
			if got, want := errors.Is(aloqaErr, core.Fail(aloqa.CodeCardExpired)), tc.expired; got != want || (!want && aloqaErr != nil) {
				t.Errorf("AloqaGateway: cards/add = %v, want expired %v", aloqaErr, want)
			}
		})
	}
}

// limits.daily_sms counts in the Tashkent day for both providers: with a
// limit of one, the second code the same Tashkent day is refused, and one
// sent after Tashkent midnight (still the same UTC day) goes out.
func TestDailySMSDayAgreesAcrossProviders(t *testing.T) {
	p := mustTwoProviders(t, time.Date(2027, 3, 1, 18, 0, 0, 0, time.UTC), 1)
	step := func(name string, at time.Time, wantRefused bool, agent string) {
		t.Helper()
		p.clock.Set(at)
		anorErr, aloqaErr := p.sendCodes(agent)
		if got := errors.Is(anorErr, core.Fail(anorbank.CodeLimitExceeded)); got != wantRefused || (!got && anorErr != nil) {
			t.Errorf("%s: Anor Bank send-otp = %v, want refused %v", name, anorErr, wantRefused)
		}
		if got := errors.Is(aloqaErr, core.Fail(aloqa.CodeDailySMS)); got != wantRefused || (!got && aloqaErr != nil) {
			t.Errorf("%s: AloqaGateway cards/add = %v, want refused %v", name, aloqaErr, wantRefused)
		}
	}
	step("first of March 1 (Tashkent)", time.Date(2027, 3, 1, 18, 0, 0, 0, time.UTC), false, "a1")
	step("second of March 1 (Tashkent)", time.Date(2027, 3, 1, 18, 59, 59, 0, time.UTC), true, "a2")
	step("first of March 2 (Tashkent), same UTC day", time.Date(2027, 3, 1, 19, 0, 0, 0, time.UTC), false, "a3")
	step("second of March 2 (Tashkent)", time.Date(2027, 3, 1, 23, 0, 0, 0, time.UTC), true, "a4")
}
