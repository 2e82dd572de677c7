package anorbank

import (
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// The money path at its exact edges: the whole balance, limit or deposit
// goes through, one tiyin more is refused with the documented code and
// moves nothing.
func TestMoneyEdges(t *testing.T) {
	ref := CardRef{PAN: panOK, Expiry: expOK}
	perOp := func(limit core.Tiyin) func(f *fixture) {
		return func(f *fixture) {
			_ = f.cards.Update(panOK, func(c *core.Card) error { c.PerOperation = limit; return nil })
		}
	}
	check := func(amount core.Tiyin) func(f *fixture) error {
		return func(f *fixture) error {
			_, err := f.svc.Check(CheckParams{RecipientID: 1001, Amount: amount, AgentTranID: "e", Card: ref})
			return err
		}
	}
	extPay := func(amount core.Tiyin) func(f *fixture) error {
		return func(f *fixture) error {
			_, err := f.svc.ExtPay(ExtPayParams{AgentTranID: "e", Account: "20208000900100001001", MFO: "01183", Card: ref, Amount: amount})
			return err
		}
	}
	held := func(f *fixture) { // a 1000 hold, its top-up cap 200% (2000), per operation 1000
		b := f.check(t, "h", 1000)
		must(f.svc.Hold("", b.ID, fixedCode)).of(t)
		perOp(1000)(f)
	}
	topUp := func(inc core.Tiyin) func(f *fixture) error {
		return func(f *fixture) error {
			_, err := f.svc.TopUp("", must(f.svc.Status("", 0, "h")).of(t).ID, inc, ref)
			return err
		}
	}
	for _, tc := range []struct {
		name  string
		setup func(f *fixture)
		run   func(f *fixture) error
		code  string // "" = accepted
	}{
		{"check: the whole balance", nil, check(startBal), ""},
		{"check: one tiyin over the balance", nil, check(startBal + 1), CodeInsufficientFunds},
		{"check: exactly the per-operation limit", perOp(500), check(500), ""},
		{"check: one tiyin over the per-operation limit", perOp(500), check(501), CodeLimitExceeded},
		{"ext-pay: the whole deposit", nil, extPay(500000), ""},
		{"ext-pay: one tiyin over the deposit", nil, extPay(500001), CodeInsufficientDeposit},
		{"ext-pay: exactly the per-operation limit", perOp(500), extPay(500), ""},
		{"ext-pay: one tiyin over the per-operation limit", perOp(500), extPay(501), CodeLimitExceeded},
		{"top-up: exactly the per-operation limit, under the cap", held, topUp(1000), ""},
		{"top-up: one tiyin over the per-operation limit, under the cap", held, topUp(1001), CodeLimitExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureDoc(t, edgeDoc)
			if tc.setup != nil {
				tc.setup(f)
			}
			avail, held := f.balance(t)
			deposit := f.svc.Deposit()
			err := tc.run(f)
			if tc.code == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			wantCode(t, err, tc.code)
			if a, h := f.balance(t); f.svc.Deposit() != deposit || a != avail || h != held {
				t.Fatalf("a refusal moved money: card %d/%d, deposit %d", a, h, f.svc.Deposit())
			}
		})
	}
}

// edgeDoc: fixed codes, a 200% top-up cap (so the per-operation limit is
// what a top-up meets first), the billing-error recipient.
const edgeDoc = `version: 1
settings: {clock: {mode: frozen}, otp: {fixed_code: "111111"}, anorbank: {hold_topup_limit: 2.0}}
credentials: {anorbank: [{username: sandbox, password: sandbox, roles: [cancel]}]}
anorbank:
  agent: {deposit: 500000, account: "20208000900100001001", mfo: "01183"}
  recipients:
    - {id: 1001, name: SANDBOX SHOP}
    - {id: 1003, name: E, billing: error}
`

// A hold for a recipient whose billing refuses: confirm debits nothing and
// gives the whole hold back.
func TestBillingErrorConfirmReleasesTheHold(t *testing.T) {
	f := newFixtureDoc(t, edgeDoc)
	b := must(f.svc.Check(CheckParams{RecipientID: 1003, Amount: 700, AgentTranID: "be", Card: CardRef{PAN: panOK, Expiry: expOK}})).of(t)
	must(f.svc.Hold("", b.ID, fixedCode)).of(t)
	f.wantBalance(t, startBal-700, 700)
	_, err := f.svc.ConfirmHold("", b.ID)
	wantCode(t, err, CodeBillingError)
	f.wantBalance(t, startBal, 0)
	if st := must(f.svc.Status("", b.ID, "")).of(t); st.State != BillCancelled || st.Held != 0 || st.Success {
		t.Fatalf("after the refused capture: %+v", st)
	}
}
