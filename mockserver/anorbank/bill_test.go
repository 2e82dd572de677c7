package anorbank

import (
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// The table decides: every client operation, run on a bill in every state,
// leaves the bill in the state Next names, or is refused with `bill not
// valid` leaving the bill as it was. Nothing here restates the table.
func TestTransitions(t *testing.T) {
	ref := CardRef{PAN: panOK, Expiry: expOK}
	reach := map[BillState][]Op{ // how a fresh bill gets to each state
		BillCheckOK:     nil,
		BillHoldSuccess: {OpHold},
		BillSuccess:     {OpPay},
		BillCancelled:   {OpHold, OpReverse},
	}
	call := map[Op]func(svc *Service, id BillID) (Bill, error){
		OpPay:            func(svc *Service, id BillID) (Bill, error) { return svc.Pay("", id, fixedCode) },
		OpHold:           func(svc *Service, id BillID) (Bill, error) { return svc.Hold("", id, fixedCode) },
		OpTopUp:          func(svc *Service, id BillID) (Bill, error) { return svc.TopUp("", id, 1, ref) },
		OpPartialReverse: func(svc *Service, id BillID) (Bill, error) { return svc.ReverseHoldPartially("", id, 1) },
		OpConfirm:        func(svc *Service, id BillID) (Bill, error) { return svc.ConfirmHold("", id) },
		OpReverse:        func(svc *Service, id BillID) (Bill, error) { return svc.ReverseHold("", id) },
		OpCancel:         func(svc *Service, id BillID) (Bill, error) { return svc.Cancel("", id) },
	}
	for st := range transitions {
		if _, ok := reach[st]; !ok {
			t.Fatalf("state %s: add how a bill reaches it", st)
		}
	}
	for st, path := range reach {
		for op, do := range call {
			t.Run(string(st)+"/"+string(op), func(t *testing.T) {
				f := newFixture(t, false)
				b := f.check(t, "t", 1000)
				for _, p := range path {
					if _, err := call[p](f.svc, b.ID); err != nil {
						t.Fatalf("reaching %s with %s: %v", st, p, err)
					}
				}
				before, _ := f.svc.Status("", b.ID, "")
				if before.State != st {
					t.Fatalf("reached %s, want %s", before.State, st)
				}
				want, refused := Next(st, op)
				_, err := do(f.svc, b.ID)
				after, _ := f.svc.Status("", b.ID, "")
				if refused != nil {
					wantCode(t, err, CodeBillNotValid)
					if after != before {
						t.Fatalf("a refused %s changed the bill:\n%+v\n%+v", op, before, after)
					}
					return
				}
				if err != nil || after.State != want {
					t.Fatalf("%s from %s: state %s, %v; the table says %s", op, st, after.State, err, want)
				}
			})
		}
	}
}

func TestTopUpCap(t *testing.T) {
	for _, tc := range []struct {
		name     string
		original core.Tiyin
		limit    float64
		want     core.Tiyin
	}{
		{"30% of 1000", 1000, 0.30, 300},
		{"30% of 155000", 155000, 0.30, 46500},
		{"floors in tiyin", 333, 0.30, 99},
		{"float noise does not lose a tiyin", 10, 0.3, 3},
		{"one tiyin hold has no headroom", 1, 0.30, 0},
		{"zero limit", 1000, 0, 0},
		{"over 100%", 1000, 1.5, 1500},
		{"large amounts stay exact", 1_000_000_000_000, 0.30, 300_000_000_000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := TopUpCap(tc.original, tc.limit); got != tc.want {
				t.Fatalf("TopUpCap(%d, %v) = %d, want %d", tc.original, tc.limit, got, tc.want)
			}
		})
	}
}

func TestParseExpiry(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want core.YearMonth
		ok   bool
	}{
		{"0727", core.YearMonth{Year: 2027, Month: 7}, true},
		{"2707", core.YearMonth{Year: 2027, Month: 7}, true},  // AN-5: YYMM fallback
		{"1210", core.YearMonth{Year: 2010, Month: 12}, true}, // MMYY wins when both read
		{"1399", core.YearMonth{}, false},
		{"072", core.YearMonth{}, false},
		{"07/27", core.YearMonth{}, false},
		{"", core.YearMonth{}, false},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := ParseExpiry(tc.in)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("ParseExpiry(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestHoldLifecycle(t *testing.T) {
	f := newFixture(t, false)
	b := f.check(t, "h1", 10000)
	f.wantBalance(t, startBal, 0)
	if _, err := f.svc.Hold("", b.ID, fixedCode); err != nil {
		t.Fatal(err)
	}
	f.wantBalance(t, startBal-10000, 10000)
	ref := CardRef{PAN: panOK, Expiry: expOK}
	got, err := f.svc.TopUp("", b.ID, 3000, ref)
	if err != nil || got.Amount != 13000 || got.State != BillHoldSuccess {
		t.Fatalf("top-up by exactly 30%%: %+v, %v", got, err)
	}
	f.wantBalance(t, startBal-13000, 13000)
	_, err = f.svc.TopUp("", b.ID, 1, ref)
	wantCode(t, err, CodeLimitExceeded)
	f.wantBalance(t, startBal-13000, 13000)
	// A partial reverse does not give the cap back (measured on the original hold).
	if got, err = f.svc.ReverseHoldPartially("", b.ID, 5000); err != nil || got.Amount != 8000 {
		t.Fatalf("partial reverse: %+v, %v", got, err)
	}
	_, err = f.svc.TopUp("", b.ID, 1, ref)
	wantCode(t, err, CodeLimitExceeded)
	for _, rev := range []core.Tiyin{8000, 9000, 0, -1} {
		_, err = f.svc.ReverseHoldPartially("", b.ID, rev)
		wantCode(t, err, CodeInvalidParams)
	}
	f.wantBalance(t, startBal-8000, 8000)
	if got, err = f.svc.ConfirmHold("", b.ID); err != nil || got.State != BillSuccess || got.Amount != 8000 {
		t.Fatalf("confirm: %+v, %v", got, err)
	}
	f.wantBalance(t, startBal-8000, 0)
	_, err = f.svc.TopUp("", b.ID, 1, ref)
	wantCode(t, err, CodeBillNotValid)
	_, err = f.svc.ReverseHold("", b.ID)
	wantCode(t, err, CodeBillNotValid)
	if got, err = f.svc.Cancel("", b.ID); err != nil || got.State != BillCancelled {
		t.Fatalf("cancel: %+v, %v", got, err)
	}
	f.wantBalance(t, startBal, 0)
	_, err = f.svc.Cancel("", b.ID)
	wantCode(t, err, CodeBillNotValid)
	f.wantBalance(t, startBal, 0)
}

func TestPayOTPAndReplay(t *testing.T) {
	f := newFixture(t, false)
	b := f.check(t, "p1", 500)
	again := f.check(t, "p1", 999) // AN-15: the same bill, unchanged
	if again.ID != b.ID || again.Amount != 500 {
		t.Fatalf("replayed check = %+v", again)
	}
	if n := len(f.sms.List(phone)); n != 1 {
		t.Fatalf("%d SMS, want 1 (a replay sends none)", n)
	}
	_, err := f.svc.Pay("", b.ID, "000000")
	wantCode(t, err, CodeInvalidCodeRetry)
	f.wantBalance(t, startBal, 0)
	if _, err := f.svc.Pay("", b.ID, fixedCode); err != nil {
		t.Fatal(err)
	}
	f.wantBalance(t, startBal-500, 0)
	_, err = f.svc.Pay("", b.ID, fixedCode)
	wantCode(t, err, CodeBillNotValid)
	_, err = f.svc.Pay("", 424242, fixedCode)
	wantCode(t, err, CodeBillNotFound)
	f.wantBalance(t, startBal-500, 0)
}

func TestOTPModelOnPay(t *testing.T) {
	t.Run("three wrong tries resend, then the limit", func(t *testing.T) {
		f := newFixture(t, true)
		b := f.check(t, "o1", 100)
		for _, want := range []string{CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeInvalidCodeSMSSent,
			CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeCodeEntryLimitExceeded, CodeBillNotValid} {
			_, err := f.svc.Pay("", b.ID, "x")
			wantCode(t, err, want)
		}
		f.wantBalance(t, startBal, 0)
	})
	t.Run("D-17: an expired bill dies: #33, then status CANCELLED and #33 again, no SMS", func(t *testing.T) {
		f := newFixture(t, true)
		b := f.check(t, "o2", 100)
		code := f.sms.List(phone)[0].Code
		f.clock.Advance(119 * time.Second)
		if st := must(f.svc.Status("", b.ID, "")).of(t); st.State != BillCheckOK {
			t.Fatalf("at 119 s: %s", st.State)
		}
		f.clock.Advance(time.Second)
		for _, op := range []func() (Bill, error){
			func() (Bill, error) { return f.svc.Pay("", b.ID, code) },
			func() (Bill, error) { return f.svc.Hold("", b.ID, code) },
		} {
			_, err := op()
			wantCode(t, err, CodeCodeExpiredRestart)
		}
		if st := must(f.svc.Status("", b.ID, "")).of(t); st.State != BillCancelled || st.Success {
			t.Fatalf("a dead bill reads %s (success %v)", st.State, st.Success)
		}
		if n := len(f.sms.List(phone)); n != 1 {
			t.Fatalf("%d SMS: an expired bill sends no new code", n)
		}
		f.wantBalance(t, startBal, 0)
	})
	t.Run("the code resent after three wrong tries pays", func(t *testing.T) {
		f := newFixture(t, true)
		b := f.check(t, "o3", 100)
		for range 3 {
			_, _ = f.svc.Pay("", b.ID, "x")
		}
		if _, err := f.svc.Pay("", b.ID, f.sms.List(phone)[0].Code); err != nil {
			t.Fatal(err)
		}
		f.wantBalance(t, startBal-100, 0)
	})
}

func TestBillingVariants(t *testing.T) {
	for _, tc := range []struct {
		recipient   int64
		code        string
		afterPay    core.Tiyin // debited right after pay
		afterWait   core.Tiyin // debited after reverse_after
		stateAfter  BillState
		cancellable bool
	}{
		{1003, CodeBillingError, 0, 0, BillCancelled, false},
		{1004, CodeBillingErrorReversed, 0, 0, BillCancelled, false},
		{1005, CodeBillingErrorWillRev, 700, 0, BillCancelled, false},
		{1006, CodeBillingErrorNeedRev, 700, 700, BillSuccess, true},
	} {
		t.Run(tc.code, func(t *testing.T) {
			f := newFixture(t, false)
			b, err := f.svc.Check(CheckParams{RecipientID: tc.recipient, Amount: 700, AgentTranID: "b", Card: CardRef{PAN: panOK, Expiry: expOK}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.svc.Pay("", b.ID, fixedCode)
			wantCode(t, err, tc.code)
			f.wantBalance(t, startBal-tc.afterPay, 0)
			f.clock.Advance(61 * time.Second)
			st, _ := f.svc.Status("", b.ID, "")
			f.wantBalance(t, startBal-tc.afterWait, 0)
			if st.State != tc.stateAfter {
				t.Fatalf("state %s, want %s", st.State, tc.stateAfter)
			}
			_, err = f.svc.Cancel("", b.ID)
			if tc.cancellable {
				if err != nil {
					t.Fatal(err)
				}
				f.wantBalance(t, startBal, 0)
			} else {
				wantCode(t, err, CodeBillNotValid)
			}
		})
	}
}

func TestCheckRefusals(t *testing.T) {
	f := newFixture(t, false)
	for _, tc := range []struct {
		name string
		p    CheckParams
		code string
	}{
		{"unknown recipient", CheckParams{RecipientID: 9, Amount: 1, AgentTranID: "a", Card: CardRef{panOK, expOK}}, CodeServiceNotFound},
		{"inactive recipient", CheckParams{RecipientID: 1002, Amount: 1, AgentTranID: "b", Card: CardRef{panOK, expOK}}, CodeServiceNotActive},
		{"unknown card", CheckParams{RecipientID: 1001, Amount: 1, AgentTranID: "c", Card: CardRef{"8600999999999999", expOK}}, CodeCardNotFound},
		{"wrong expiry", CheckParams{RecipientID: 1001, Amount: 1, AgentTranID: "d", Card: CardRef{panOK, "0828"}}, CodeCardNotValid},
		{"bad pan", CheckParams{RecipientID: 1001, Amount: 1, AgentTranID: "e", Card: CardRef{"86", expOK}}, CodeInvalidParams},
		{"zero amount", CheckParams{RecipientID: 1001, Amount: 0, AgentTranID: "f", Card: CardRef{panOK, expOK}}, CodeInvalidParams},
		{"no funds", CheckParams{RecipientID: 1001, Amount: 1, AgentTranID: "g", Card: CardRef{panPoor, expOK}}, CodeInsufficientFunds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.Check(tc.p)
			wantCode(t, err, tc.code)
		})
	}
	if n := len(f.svc.st.Bills); n != 0 {
		t.Fatalf("%d bills after refusals, want 0", n)
	}
}

func TestDeclinedDebitMovesNothing(t *testing.T) {
	f := newFixture(t, false)
	b, err := f.svc.Check(CheckParams{RecipientID: 1001, Amount: 100, AgentTranID: "d", Card: CardRef{panDecl, expOK}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.svc.Pay("", b.ID, fixedCode)
	wantCode(t, err, CodeDebitError)
	if c, _ := f.cards.Get(panDecl); c.Balance != startBal {
		t.Fatalf("balance %d", c.Balance)
	}
}
