package aloqa

import (
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// fixture is a Service on the default scenario with a frozen clock.
type fixture struct {
	svc   *Service
	clock *clock.Sandbox
	sms   *sms.Outbox
	cards *core.Cards
}

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, Tashkent)

func mustFixture(tb testing.TB) *fixture {
	tb.Helper()
	sc, err := scenarios.Default(scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	return fixtureOn(sc)
}

// fixtureOn is a fixture on scenario sc.
func fixtureOn(sc *scenarios.Scenario) *fixture {
	f := &fixture{clock: clock.NewSandbox(start, true, nil), sms: sms.NewOutbox(0)}
	f.cards = core.NewCards(ledger(sc.Cards))
	env := core.Env{Namespace: "t", Seed: 42, Clock: f.clock, SMS: f.sms, Cards: f.cards, Log: slog.New(slog.DiscardHandler)}
	f.svc = New(env, sc)
	return f
}

func ledger(in []scenarios.Card) []core.Card {
	out := make([]core.Card, 0, len(in))
	for _, c := range in {
		y, _ := strconv.Atoi(c.Expiry[:4])
		m, _ := strconv.Atoi(c.Expiry[5:])
		card := core.Card{PAN: core.PAN(c.PAN), Expiry: core.YearMonth{Year: y, Month: m}, Vendor: c.Vendor,
			Holder: c.Holder, Phone: c.Phone, Currency: c.Currency, Status: c.Status, SMS: *c.SMS,
			Processing: c.Processing, Flags: c.Flags, DailySMS: -1, Balance: core.Tiyin(*c.Balance)}
		if c.Limits != nil && c.Limits.PerOperation != nil {
			card.PerOperation = core.Tiyin(*c.Limits.PerOperation)
		}
		if c.Limits != nil && c.Limits.DailySMS != nil {
			card.DailySMS = *c.Limits.DailySMS
		}
		out = append(out, card)
	}
	return out
}

func (f *fixture) lastCode(tb testing.TB) string {
	tb.Helper()
	msgs := f.sms.List("")
	if len(msgs) == 0 {
		tb.Fatal("no SMS sent")
	}
	return msgs[0].Code
}

// bind binds pan (expiry 2027-07 unless it is magic card 04) and returns its token.
func (f *fixture) bind(tb testing.TB, pan string) CardToken {
	tb.Helper()
	card, _ := f.cards.Get(core.PAN(pan))
	sent, err := f.svc.AddCard(pan, card.Expiry.MMYY(), "+"+card.Phone, LangRU)
	if err != nil {
		tb.Fatalf("AddCard(%s): %v", pan, err)
	}
	info, err := f.svc.ConfirmAdd(sent.ID, f.lastCode(tb))
	if err != nil {
		tb.Fatalf("ConfirmAdd(%s): %v", pan, err)
	}
	return info.Token
}

func (f *fixture) balance(tb testing.TB, pan string) (core.Tiyin, core.Tiyin) {
	tb.Helper()
	c, ok := f.cards.Get(core.PAN(pan))
	if !ok {
		tb.Fatalf("no card %s", pan)
	}
	return c.Balance, c.Held
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	got, ok := core.CodeOf(err)
	if !ok || got != code {
		tb.Fatalf("err = %v, want code %s", err, code)
	}
}

func mustOK(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
