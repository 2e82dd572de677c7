package anorbank

import (
	"log/slog"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

const (
	panOK     = "8600000000000001"
	panPoor   = "8600000000000002"
	panDecl   = "8600000000000020"
	phone     = "998901234567"
	expOK     = "0727"
	startBal  = core.Tiyin(1_000_000)
	fixedCode = "111111"
)

type fixture struct {
	svc   *Service
	clock *clock.Sandbox
	sms   *sms.Outbox
	cards *core.Cards
	sc    *scenarios.Scenario
	env   core.Env
}

// newFixture builds a Service on a frozen clock with a few cards and the
// default recipients; codes are fixed unless random is set.
func newFixture(tb testing.TB, random bool) *fixture {
	tb.Helper()
	doc := `version: 1
settings: {clock: {mode: frozen}, otp: {fixed_code: "111111"}}
credentials: {anorbank: [{username: sandbox, password: sandbox, roles: [cancel]}]}
anorbank:
  agent: {deposit: 500000, account: "20208000900100001001", mfo: "01183"}
  recipients:
    - {id: 1001, name: SANDBOX SHOP}
    - {id: 1002, name: CLOSED SHOP, active: false}
    - {id: 1003, name: E, billing: error}
    - {id: 1004, name: ER, billing: error_reversed}
    - {id: 1005, name: EWR, billing: error_will_reverse}
    - {id: 1006, name: ENR, billing: error_need_reverse}
`
	if random {
		doc = `version: 1
settings: {clock: {mode: frozen}}
credentials: {anorbank: [{username: sandbox, password: sandbox, roles: [cancel]}]}
anorbank: {recipients: [{id: 1001, name: SANDBOX SHOP}]}
`
	}
	return newFixtureDoc(tb, doc)
}

// newFixtureDoc builds a Service from the scenario doc on a frozen clock
// with the fixture's cards (namespace seed 1).
func newFixtureDoc(tb testing.TB, doc string) *fixture {
	tb.Helper()
	sc, err := scenarios.Load("test", []byte(doc), scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	ym := core.YearMonth{Year: 2027, Month: 7}
	card := func(pan string, bal core.Tiyin, proc string) core.Card {
		return core.Card{PAN: core.PAN(pan), Expiry: ym, Phone: phone, Balance: bal, Currency: 860,
			Status: core.CardActive, SMS: true, Processing: proc, DailySMS: -1, Bank: "Anorbank", Holder: "ALI"}
	}
	cards := core.NewCards([]core.Card{card(panOK, startBal, "ok"), card(panPoor, 0, "ok"), card(panDecl, startBal, "decline")})
	clk := clock.NewSandbox(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), true, nil)
	out := sms.NewOutbox(100)
	env := core.Env{Namespace: "t", Seed: 1, Clock: clk, SMS: out, Cards: cards, Log: slog.New(slog.DiscardHandler)}
	return &fixture{svc: New(env, sc), clock: clk, sms: out, cards: cards, sc: sc, env: env}
}

func (f *fixture) check(tb testing.TB, tran string, amount core.Tiyin) Bill {
	tb.Helper()
	b, err := f.svc.Check(CheckParams{Account: "30", RecipientID: 1001, Amount: amount, Currency: 860, AgentTranID: tran, Card: CardRef{PAN: panOK, Expiry: expOK}})
	if err != nil {
		tb.Fatalf("check: %v", err)
	}
	return b
}

func (f *fixture) balance(tb testing.TB) (avail, held core.Tiyin) {
	tb.Helper()
	c, _ := f.cards.Get(panOK)
	return c.Balance, c.Held
}

func (f *fixture) wantBalance(tb testing.TB, avail, held core.Tiyin) {
	tb.Helper()
	if a, h := f.balance(tb); a != avail || h != held {
		tb.Fatalf("card: available %d held %d, want %d / %d", a, h, avail, held)
	}
}

func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	got, _ := core.CodeOf(err)
	if got != code {
		tb.Fatalf("err = %v, want %q", err, code)
	}
}
