package anorbank

import "testing"

func TestBindingOTP(t *testing.T) {
	f := newFixture(t, true)
	ref := CardRef{PAN: panOK, Expiry: "2707"}
	sent, err := f.svc.SendOTP("sandbox", ref)
	if err != nil || sent.PhoneMask != "99890******567" {
		t.Fatalf("send-otp: %+v, %v", sent, err)
	}
	_, err = f.svc.VerifyOTP("sandbox", sent.ID+1, "x")
	wantCode(t, err, CodeObjectNotFound)
	for _, want := range []string{CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeInvalidCodeSMSSent} { // D-14
		_, err = f.svc.VerifyOTP("sandbox", sent.ID, "x")
		wantCode(t, err, want)
	}
	token, err := f.svc.VerifyOTP("sandbox", sent.ID, f.sms.List(phone)[0].Code)
	if err != nil || len(token) != 36 {
		t.Fatalf("verify: %q, %v", token, err)
	}
	cards := f.svc.UserCards("sandbox")
	if len(cards) != 1 || cards[0].MaskedPAN != "860000******0001" || cards[0].Expiry != "0727" || cards[0].BankName != "AnorBank" {
		t.Fatalf("cards = %+v", cards)
	}
	_, err = f.svc.SendOTP("sandbox", ref)
	wantCode(t, err, CodeCardAlreadyExists)
}
