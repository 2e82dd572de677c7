package aloqa

import (
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

const m, term = "90000001", "91000001"

func TestDebitFlows(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, "8600000000000001")
	pan := "8600000000000001"

	// immediate debit, then reverse
	out, err := f.svc.Debit(DebitParams{Token: tok, Amount: 10_000, Merchant: m, Terminal: term})
	mustOK(t, err)
	if out.SMSSent || out.Debit.State != DebitDebited || len(out.Debit.Refs.RefNum) != 12 {
		t.Fatalf("debit = %+v", out)
	}
	if b, h := f.balance(t, pan); b != 999_990_000 || h != 0 {
		t.Fatalf("after debit: %d/%d", b, h)
	}
	mustOK(t, f.svc.ReverseDebit(out.Debit.ID))
	wantCode(t, f.svc.ReverseDebit(out.Debit.ID), CodeTxCancelled)
	if b, _ := f.balance(t, pan); b != 1_000_000_000 {
		t.Fatalf("after reverse: %d", b)
	}

	// hold, charge; a second charge or a cancel is -32312
	out, err = f.svc.Debit(DebitParams{Token: tok, Amount: 5_000, Merchant: m, Terminal: term, Hold: true})
	mustOK(t, err)
	if b, h := f.balance(t, pan); b != 999_995_000 || h != 5_000 {
		t.Fatalf("after hold: %d/%d", b, h)
	}
	wantCode(t, f.svc.ReverseDebit(out.Debit.ID), CodeCancelFailed)
	_, err = f.svc.ChargeHold(out.Debit.ID)
	mustOK(t, err)
	_, err = f.svc.ChargeHold(out.Debit.ID)
	wantCode(t, err, CodeTxCompleted)
	wantCode(t, f.svc.CancelHold(out.Debit.ID), CodeTxCompleted)
	if b, h := f.balance(t, pan); b != 999_995_000 || h != 0 {
		t.Fatalf("after charge: %d/%d", b, h)
	}

	// hold, cancel; charge after cancel is -32313
	out, err = f.svc.Debit(DebitParams{Token: tok, Amount: 7_000, Merchant: m, Terminal: term, Hold: true})
	mustOK(t, err)
	mustOK(t, f.svc.CancelHold(out.Debit.ID))
	_, err = f.svc.ChargeHold(out.Debit.ID)
	wantCode(t, err, CodeTxCancelled)
	if b, h := f.balance(t, pan); b != 999_995_000 || h != 0 {
		t.Fatalf("after cancel: %d/%d", b, h)
	}
	wantCode(t, f.svc.CancelHold(9_999_999), CodeTxNotFound)
	merchants, fees := f.svc.Settlements()
	if merchants != 5_000 || fees != 0 {
		t.Fatalf("settled %d, fees %d", merchants, fees)
	}
}

func TestDebitWithSMS(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, "9860000000000001")
	out, err := f.svc.Debit(DebitParams{Token: tok, Amount: 20_000, Merchant: m, Terminal: term, ForceSMS: true})
	mustOK(t, err)
	if !out.SMSSent || out.Debit.Phone != "998901234567" {
		t.Fatalf("out = %+v", out)
	}
	if b, _ := f.balance(t, "9860000000000001"); b != 1_000_000_000 {
		t.Fatal("money moved before the SMS code")
	}
	_, err = f.svc.Debit(DebitParams{Token: tok, Amount: 100, Merchant: m, Terminal: term})
	wantCode(t, err, CodePreviousInProgress)
	_, err = f.svc.ChargeHold(out.Debit.ID)
	wantCode(t, err, CodePaymentInProgress)
	_, err = f.svc.ConfirmDebit(out.Debit.ID, "nope")
	wantCode(t, err, CodeWrongCode)
	d, err := f.svc.ConfirmDebit(out.Debit.ID, f.lastCode(t))
	mustOK(t, err)
	if d.State != DebitDebited || d.Refs.PaymentRef == "" {
		t.Fatalf("d = %+v", d)
	}
	_, err = f.svc.ConfirmDebit(out.Debit.ID, f.lastCode(t))
	wantCode(t, err, CodeTxConfirmed)
	if b, _ := f.balance(t, "9860000000000001"); b != 999_980_000 {
		t.Fatalf("balance %d", b)
	}
}

func TestDebitChecks(t *testing.T) {
	tests := []struct {
		name   string
		pan    string
		amount core.Tiyin
		mutate func(*DebitParams)
		code   string
	}{
		{"zero", "8600000000000001", 0, nil, CodeEnterAmount},
		{"negative", "8600000000000001", -5, nil, CodeInvalidAmount},
		{"below min", "8600000000000001", 99, nil, CodeAmountTooSmall},
		{"above max", "8600000000000001", 10_000_000_001, nil, CodeAmountTooLarge},
		{"unknown terminal", "8600000000000001", 1000, func(p *DebitParams) { p.Terminal = "x" }, CodeNoTerminal},
		{"balance 0", "8600000000000002", 1000, nil, CodeInsufficientFunds},
		{"blocked", "8600000000000003", 1000, nil, CodeCardBlocked},
		{"temp blocked", "9860000000000007", 1000, nil, CodeCardTempBlocked},
		{"blacklisted", "8600000000000008", 1000, nil, CodeBlacklisted},
		{"pin locked", "8600000000000009", 1000, nil, CodePINLocked},
		{"account blocked", "8600000000000010", 1000, nil, CodeAccountBlocked},
		{"currency 840", "8600000000000013", 1000, nil, CodeForeignCurrency},
		{"foreign country", "8600000000000014", 1000, nil, CodeForeignCountry},
		{"per operation", "8600000000000018", 10_001, nil, CodeBankRestriction},
		{"decline", "8600000000000020", 1000, nil, CodeDeclined},
		{"pc error", "8600000000000021", 1000, nil, CodeProcessingError},
		{"unavailable", "8600000000000022", 1000, nil, CodeProcessingDown},
		{"uzcard down", "8600000000000023", 1000, nil, CodeUzcardDown},
		{"humo down", "9860000000000023", 1000, nil, CodeHumoDown},
		{"sms daily limit on forced SMS", "8600000000000019", 1000, func(p *DebitParams) { p.ForceSMS = true }, CodeDailySMS},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := mustFixture(t)
			var tok CardToken = "unbound"
			if tc.pan != "8600000000000019" {
				tok = f.bind(t, tc.pan)
			} else {
				f.svc.st.Tokens["t19"] = &tokenRecord{PAN: core.PAN(tc.pan), Issued: f.clock.Now().Unix()}
				tok = "t19"
			}
			before, held := f.balance(t, tc.pan)
			p := DebitParams{Token: tok, Amount: tc.amount, Merchant: m, Terminal: term}
			if tc.mutate != nil {
				tc.mutate(&p)
			}
			_, err := f.svc.Debit(p)
			wantCode(t, err, tc.code)
			if b, h := f.balance(t, tc.pan); b != before || h != held {
				t.Fatalf("a failed debit moved money: %d/%d -> %d/%d", before, held, b, h)
			}
		})
	}
}

func TestCardExpiresAfterBinding(t *testing.T) {
	f := mustFixture(t) // the card expires when 2027-07 ends
	f.clock.Set(time.Date(2027, 1, 10, 9, 0, 0, 0, Tashkent))
	tok := f.bind(t, "8600000000000001")
	f.clock.Set(time.Date(2027, 7, 31, 23, 59, 59, 0, Tashkent))
	_, err := f.svc.Debit(DebitParams{Token: tok, Amount: 1000, Merchant: m, Terminal: term})
	mustOK(t, err) // the last second of its month
	f.clock.Advance(time.Second)
	_, err = f.svc.Debit(DebitParams{Token: tok, Amount: 1000, Merchant: m, Terminal: term})
	wantCode(t, err, CodeCardExpired)
}

func TestAwaitingDebitStopsBlockingWhenItsCodeExpires(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, "8600000000000001")
	p := DebitParams{Token: tok, Amount: 1000, Merchant: m, Terminal: term, ForceSMS: true}
	_, err := f.svc.Debit(p)
	mustOK(t, err)
	_, err = f.svc.Debit(p)
	wantCode(t, err, CodePreviousInProgress)
	f.clock.Advance(121 * time.Second)
	_, err = f.svc.Debit(p)
	mustOK(t, err)
}

// D-18: a hold nobody charges or cancels is released
// settings.aloqa.hold_ttl after it was placed (default 30 days, sandbox
// clock): money back, HOLD_CANCELLED in every read, a release entry dated
// when it expired; not a second earlier, and a younger hold stays.
func TestHoldsExpireAfterHoldTTL(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings string // settings.aloqa
		ttl      time.Duration
	}{
		{"left out: 30 days", "", 30 * 24 * time.Hour},
		{"custom: 1h", "hold_ttl: 1h", time.Hour},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := fixtureOn(aloqaScenario(t, tc.settings))
			tok := f.bind(t, panA)
			old, err := f.svc.Debit(DebitParams{Token: tok, Amount: 40_000, Merchant: m, Terminal: term, Hold: true})
			mustOK(t, err)
			f.clock.Advance(tc.ttl / 2)
			young, err := f.svc.Debit(DebitParams{Token: tok, Amount: 2_000, Merchant: m, Terminal: term, Hold: true})
			mustOK(t, err)
			f.clock.Advance(tc.ttl - tc.ttl/2 - time.Second)
			f.svc.StateView() // a read touches the domain
			if _, held := f.balance(t, panA); held != 42_000 {
				t.Fatalf("a hold was released a second early: held %d", held)
			}
			f.clock.Advance(time.Second)
			page := monitoringOf(t, f, tok) // the read that releases
			bal, held := f.balance(t, panA)
			if held != 2_000 || bal != 1_000_000_000-2_000 {
				t.Fatalf("after the TTL: balance %d held %d", bal, held)
			}
			e := page.Entries[0]
			if e.Type != entryHoldRelease || e.Amount != 40_000 || !e.At.Equal(start.Add(tc.ttl)) || e.Refs != old.Debit.Refs {
				t.Fatalf("release entry %+v", e)
			}
			_, err = f.svc.ChargeHold(old.Debit.ID)
			wantCode(t, err, CodeTxCancelled)
			wantCode(t, f.svc.CancelHold(old.Debit.ID), CodeTxCancelled)
			_, err = f.svc.ChargeHold(young.Debit.ID)
			mustOK(t, err)
			view := f.svc.StateView().(map[string]any)["debits"].([]map[string]any)
			if view[0]["state"] != DebitCancelled || view[1]["state"] != DebitDebited {
				t.Fatalf("state view %v", view)
			}
		})
	}
}

// hold_ttl: 0s means a hold never expires: ten years on it is still held
// and can be charged.
func TestHoldTTLZeroNeverExpires(t *testing.T) {
	f := fixtureOn(aloqaScenario(t, "hold_ttl: 0s"))
	tok := f.bind(t, panA)
	hold, err := f.svc.Debit(DebitParams{Token: tok, Amount: 40_000, Merchant: m, Terminal: term, Hold: true})
	mustOK(t, err)
	f.clock.Advance(10 * 365 * 24 * time.Hour)
	f.svc.StateView()
	if bal, held := f.balance(t, panA); held != 40_000 || bal != 1_000_000_000-40_000 {
		t.Fatalf("ten years on: balance %d held %d", bal, held)
	}
	_, err = f.svc.ChargeHold(hold.Debit.ID)
	mustOK(t, err)
	if _, held := f.balance(t, panA); held != 0 {
		t.Fatalf("charged, still held %d", held)
	}
}
