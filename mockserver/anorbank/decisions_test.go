package anorbank

import (
	"math"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// D-15: a missing code is a request error: no try counted, no SMS, the
// bill unchanged; the three wrong tries that follow still behave as usual.
func TestMissingOTPUsesNoTry(t *testing.T) {
	f := newFixture(t, true)
	b := f.check(t, "d15", 100)
	for range 5 {
		_, err := f.svc.Pay("", b.ID, "")
		wantCode(t, err, CodeInvalidParams)
		_, err = f.svc.Hold("", b.ID, "")
		wantCode(t, err, CodeInvalidParams)
	}
	for _, want := range []string{CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeInvalidCodeSMSSent} {
		_, err := f.svc.Pay("", b.ID, "x")
		wantCode(t, err, want)
	}
	if n := len(f.sms.List(phone)); n != 2 {
		t.Fatalf("%d SMS, want the check's and one resend", n)
	}
}

// D-16: bills, holds, agentTranIds and payouts belong to their agent.
func TestAgentsDoNotShare(t *testing.T) {
	f := newFixture(t, false)
	ref := CardRef{PAN: panOK, Expiry: expOK}
	a := must(f.svc.Check(CheckParams{Agent: "a", RecipientID: 1001, Amount: 100, AgentTranID: "same", Card: ref})).of(t)
	b := must(f.svc.Check(CheckParams{Agent: "b", RecipientID: 1001, Amount: 200, AgentTranID: "same", Card: ref})).of(t)
	if a.ID == b.ID {
		t.Fatal("one agentTranId of two agents named one bill")
	}
	for name, err := range map[string]error{
		"pay":    second(f.svc.Pay("b", a.ID, fixedCode)),
		"hold":   second(f.svc.Hold("b", a.ID, fixedCode)),
		"status": second(f.svc.Status("b", a.ID, "")),
		"cancel": second(f.svc.Cancel("b", a.ID)),
	} {
		if code, _ := core.CodeOf(err); code != CodeBillNotFound {
			t.Errorf("%s of another agent's bill: %v", name, err)
		}
	}
	if st := must(f.svc.Status("b", 0, "same")).of(t); st.ID != b.ID {
		t.Fatalf("status by agentTranId: bill %d, want b's %d", st.ID, b.ID)
	}
	p := ExtPayParams{Agent: "a", AgentTranID: "x", Account: "20208000900100001001", MFO: "01183", Card: ref, Amount: 100}
	pa := must(f.svc.ExtPay(p)).of(t)
	p.Agent = "b"
	if pb := must(f.svc.ExtPay(p)).of(t); pb.BmID == pa.BmID {
		t.Fatal("b's payout replayed a's")
	}
	f.wantBalance(t, startBal+200, 0)
}

func second[T any](_ T, err error) error { return err }

// D-18: a hold nobody ends is released settings.anorbank.hold_ttl after it
// was placed (default 30 days): money back, status CANCELLED, seen by the
// state view without touching the bill; not a second earlier. hold_ttl 0s
// means never, even ten years on.
func TestStaleHoldIsReleasedAfterHoldTTL(t *testing.T) {
	const tenYears = 10 * 365 * 24 * time.Hour
	for _, tc := range []struct {
		name     string
		settings string        // under settings.anorbank
		ttl      time.Duration // 0: never released
	}{
		{"left out: 30 days", "", 30 * 24 * time.Hour},
		{"custom: 1h", "hold_ttl: 1h", time.Hour},
		{"0s: never", "hold_ttl: 0s", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureDoc(t, zeroDoc(tc.settings))
			b := f.check(t, "d18", 700)
			must(f.svc.Hold("", b.ID, fixedCode)).of(t)
			if tc.ttl == 0 {
				f.clock.Advance(tenYears)
				f.svc.StateView()
				f.wantBalance(t, startBal-700, 700)
				if st := must(f.svc.ConfirmHold("", b.ID)).of(t); st.State != BillSuccess {
					t.Fatalf("a ten-year-old hold with hold_ttl 0s confirms to %s", st.State)
				}
				return
			}
			f.clock.Advance(tc.ttl - time.Second)
			f.svc.StateView()
			f.wantBalance(t, startBal-700, 700)
			f.clock.Advance(time.Second)
			f.svc.StateView()
			f.wantBalance(t, startBal, 0)
			if st := must(f.svc.Status("", b.ID, "")).of(t); st.State != BillCancelled || st.Held != 0 {
				t.Fatalf("stale hold reads %+v", st)
			}
			_, err := f.svc.ConfirmHold("", b.ID)
			wantCode(t, err, CodeBillNotValid)
			f.wantBalance(t, startBal, 0)
		})
	}
}

// Status given both a billId and an agentTranId of another bill does not
// silently answer the billId's bill.
func TestStatusMismatchedTranID(t *testing.T) {
	f := newFixture(t, false)
	a, b := f.check(t, "one", 100), f.check(t, "two", 100)
	_, err := f.svc.Status("", a.ID, "two")
	wantCode(t, err, CodeBillNotFound)
	if st := must(f.svc.Status("", b.ID, "two")).of(t); st.ID != b.ID {
		t.Fatalf("matching pair: %d", st.ID)
	}
}

// The cosmetic ones: an int64-max top-up is over the cap (no overflow);
// error ids do not use up bill numbers; leftSeconds counts down on replay;
// the payout's answer is what leaves the deposit.
func TestCosmetics(t *testing.T) {
	f := newFixture(t, false)
	b := f.check(t, "c", 1000)
	must(f.svc.Hold("", b.ID, fixedCode)).of(t)
	must(f.svc.TopUp("", b.ID, 1, CardRef{PAN: panOK, Expiry: expOK})).of(t)
	_, err := f.svc.TopUp("", b.ID, math.MaxInt64, CardRef{PAN: panOK, Expiry: expOK}) // 1 + max wraps
	wantCode(t, err, CodeLimitExceeded)

	for range 3 {
		f.svc.FreshID()
	}
	if next := f.check(t, "c2", 10); next.ID != b.ID+1 {
		t.Fatalf("bill %d after %d: error ids used bill numbers", next.ID, b.ID)
	}
	f.clock.Advance(30 * time.Second)
	if again := f.check(t, "c2", 10); again.LeftSeconds != 90 {
		t.Fatalf("leftSeconds %d on a replay 30 s later, want 90", again.LeftSeconds)
	}

	before := f.svc.Deposit()
	must(f.svc.ExtPay(ExtPayParams{AgentTranID: "fee", Account: "20208000900100001001", MFO: "01183", Card: CardRef{PAN: panOK, Expiry: expOK}, Amount: 250000})).of(t)
	if down := before - f.svc.Deposit(); down != 250000 {
		t.Fatalf("deposit down %d, want the amount the answer shows (250000, commission 0)", down)
	}
	_, err = f.svc.ExtPay(ExtPayParams{AgentTranID: "other", Account: "20208000900100009999", MFO: "01183", Card: CardRef{PAN: panOK, Expiry: expOK}, Amount: 1})
	wantCode(t, err, CodeInvalidParams)
}

// A second operation on a bill while one runs is #46 `object locked`; the
// claim ends with the operation, and status never takes one.
func TestClaimLocksTheBill(t *testing.T) {
	f := newFixture(t, false)
	b := f.check(t, "lock", 100)
	release := must(f.svc.Claim("", b.ID)).of(t)
	_, err := f.svc.Claim("", b.ID)
	wantCode(t, err, CodeObjectLocked)
	if _, err := f.svc.Claim("other", b.ID); err != nil {
		t.Fatalf("another agent's claim on a bill it cannot see: %v", err)
	}
	release()
	again := must(f.svc.Claim("", b.ID)).of(t)
	again()
}
