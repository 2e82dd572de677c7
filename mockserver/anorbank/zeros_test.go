package anorbank

import (
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// zeroDoc is the fixture's scenario with extra anorbank settings.
func zeroDoc(anorbank string) string {
	return `version: 1
settings: {clock: {mode: frozen}, otp: {fixed_code: "111111"}, anorbank: {` + anorbank + `}}
credentials: {anorbank: [{username: sandbox, password: sandbox, roles: [cancel]}]}
anorbank:
  agent: {deposit: 500000}
  recipients: [{id: 1001, name: SHOP}, {id: 1005, name: EWR, billing: error_will_reverse}]
`
}

// hold_topup_limit: 0 means no top-up at all; left out, 30% of the hold.
func TestHoldTopUpLimitZeroAllowsNoTopUp(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings string
		inc      core.Tiyin
		want     string // "" = accepted
	}{
		{"zero, one tiyin", "hold_topup_limit: 0", 1, CodeLimitExceeded},
		{"left out, the whole 30%", "", 3000, ""},
		{"left out, one tiyin past 30%", "", 3001, CodeLimitExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureDoc(t, zeroDoc(tc.settings))
			b := f.check(t, "h", 10000)
			if _, err := f.svc.Hold("", b.ID, fixedCode); err != nil {
				t.Fatal(err)
			}
			_, err := f.svc.TopUp("", b.ID, tc.inc, CardRef{PAN: panOK, Expiry: expOK})
			if got, _ := core.CodeOf(err); got != tc.want {
				t.Fatalf("top-up %d: %v, want %q", tc.inc, err, tc.want)
			}
		})
	}
}

// reverse_after: 0s means the refund of `billing error will reverse` is due
// at once: the next look at the bill finds it refunded, with no clock move.
func TestReverseAfterZeroRefundsAtOnce(t *testing.T) {
	for _, tc := range []struct {
		name      string
		settings  string
		debited   core.Tiyin // still off the card when the bill is next looked at
		wantState BillState
	}{
		{"zero", "reverse_after: 0s", 0, BillCancelled},
		{"left out (60s)", "", 700, BillSuccess},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureDoc(t, zeroDoc(tc.settings))
			b, err := f.svc.Check(CheckParams{RecipientID: 1005, Amount: 700, AgentTranID: "r", Card: CardRef{PAN: panOK, Expiry: expOK}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.svc.Pay("", b.ID, fixedCode)
			wantCode(t, err, CodeBillingErrorWillRev)
			st, err := f.svc.Status("", b.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			f.wantBalance(t, startBal-tc.debited, 0)
			if st.State != tc.wantState {
				t.Fatalf("state %s, want %s", st.State, tc.wantState)
			}
		})
	}
}
