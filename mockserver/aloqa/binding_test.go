package aloqa

import (
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

func TestAddCardChecks(t *testing.T) {
	tests := []struct {
		name, pan, expiry, phone, code string
	}{
		{"bad pan", "860000000000001", "0727", "998901234567", CodeBadPAN},
		{"bad expiry month", "8600000000000001", "1327", "998901234567", CodeBadExpiry},
		{"bad expiry text", "8600000000000001", "07/2", "998901234567", CodeBadExpiry},
		{"bad phone", "8600000000000001", "0727", "99890123456", CodeBadPhone},
		{"unknown card", "8600000000009999", "0727", "998901234567", CodeCardNotFound},
		{"wrong expiry", "8600000000000001", "0827", "998901234567", CodeWrongPANOrExpiry},
		{"YYMM where MMYY is due", "8600000000000001", "2707", "998901234567", CodeBadExpiry},
		{"phone not the card's", "8600000000000001", "0727", "998907654321", CodePhoneMismatch},
		{"sms off", "8600000000000005", "0727", "998901234567", CodeSMSOff},
		{"unsupported bank", "9860000000000006", "0727", "998901234567", CodeBankNotSupported},
		{"expired", "8600000000000004", "0120", "998901234567", CodeCardExpired},
		{"daily sms 0", "8600000000000019", "0727", "998901234567", CodeDailySMS},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := mustFixture(t)
			_, err := f.svc.AddCard(tc.pan, tc.expiry, tc.phone, LangRU)
			wantCode(t, err, tc.code)
			if got := len(f.sms.List("")); got != 0 {
				t.Fatalf("%d SMS sent on a failed cards/add", got)
			}
		})
	}
}

func TestBindingSendsCodeInLangAndIssuesToken(t *testing.T) {
	f := mustFixture(t)
	sent, err := f.svc.AddCard("9860000000000001", "0727", "998901234567", LangUZ)
	mustOK(t, err)
	if sent.Phone != "998901234567" || sent.ID < 1_000_000 || sent.ID > 9_999_999 {
		t.Fatalf("sent = %+v", sent)
	}
	msg := f.sms.List("998901234567")[0]
	if !strings.Contains(msg.Text, "tasdiqlash kodi") || msg.Provider != Provider {
		t.Fatalf("SMS = %+v, want Uzbek text", msg)
	}
	info, err := f.svc.ConfirmAdd(sent.ID, msg.Code)
	mustOK(t, err)
	if len(info.Token) != 36 || info.Vendor != core.VendorHumo || info.Balance != 1_000_000_000 {
		t.Fatalf("info = %+v", info)
	}
	_, err = f.svc.ConfirmAdd(sent.ID, msg.Code)
	wantCode(t, err, CodeTxConfirmed)
	_, err = f.svc.ConfirmAdd(12345, msg.Code)
	wantCode(t, err, CodeTxNotFound)
}

func TestBindingOTPModel(t *testing.T) {
	f := mustFixture(t)
	sent, err := f.svc.AddCard("8600000000000001", "0727", "998901234567", LangRU)
	mustOK(t, err)
	first := f.lastCode(t)
	for range 3 { // 3 wrong tries: the third sends a new code (one resend)
		_, err = f.svc.ConfirmAdd(sent.ID, "000000x")
		wantCode(t, err, CodeWrongCode)
	}
	if got := len(f.sms.List("")); got != 2 {
		t.Fatalf("%d SMS, want 2 (a new code after the last wrong try)", got)
	}
	_, err = f.svc.ConfirmAdd(sent.ID, first)
	if first != f.lastCode(t) {
		wantCode(t, err, CodeWrongCode) // the old code no longer works
	}
	f.clock.Advance(121 * time.Second) // expired, no resend left: dead
	_, err = f.svc.ConfirmAdd(sent.ID, f.lastCode(t))
	wantCode(t, err, CodeWrongCode)
	_, err = f.svc.ConfirmAdd(sent.ID, f.lastCode(t))
	wantCode(t, err, CodeWrongCode)
}

func TestTokenTTL(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, "8600000000000001")
	p := DebitParams{Token: tok, Amount: 1000, Merchant: "90000001", Terminal: "91000001"}
	_, err := f.svc.Debit(p)
	mustOK(t, err)
	f.clock.Advance(8760 * time.Hour)
	_, err = f.svc.Debit(p)
	wantCode(t, err, CodeTokenExpired)
	p.Token = "nope"
	_, err = f.svc.Debit(p)
	wantCode(t, err, CodeCardNotRegistered)
}

func TestFormats(t *testing.T) {
	for in, want := range map[string]core.YearMonth{"0727": {Year: 2027, Month: 7}, "1299": {Year: 2099, Month: 12}} {
		got, err := ParseMMYY(in)
		if err != nil || got != want {
			t.Errorf("ParseMMYY(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, _ := ParseYYMM("2707"); got != (core.YearMonth{Year: 2027, Month: 7}) {
		t.Errorf("ParseYYMM(2707) = %v", got)
	}
	for _, in := range []string{"", "0027", "abcd", "07271"} {
		if _, err := ParseMMYY(in); err == nil {
			t.Errorf("ParseMMYY(%q) accepted", in)
		}
	}
	for in, want := range map[string]string{"+998901234567": "998901234567", "998901234567": "998901234567"} {
		if got, err := ParsePhone(in); err != nil || got != want {
			t.Errorf("ParsePhone(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParsePhone("+7901234567"); err == nil {
		t.Error("ParsePhone accepted a non-998 number")
	}
}

func FuzzParseExpiry(f *testing.F) {
	for _, s := range []string{"0727", "2707", "", "1/23", "9999", "\x00\x00\x00\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, parse := range []func(string) (core.YearMonth, error){ParseMMYY, ParseYYMM} {
			ym, err := parse(s)
			if err == nil && (ym.Month < 1 || ym.Month > 12) {
				t.Fatalf("%q -> month %d", s, ym.Month)
			}
		}
	})
}
