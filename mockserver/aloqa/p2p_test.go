package aloqa

import (
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

func TestFee(t *testing.T) {
	tests := []struct {
		amount core.Tiyin
		rate   string
		want   core.Tiyin
	}{
		{5000, "0.5", 25}, {5000, "1", 50}, {101, "0.5", 1}, {99, "0.5", 0}, {100, "0.5", 1}, // 0.5 rounds up
		{1_000_000, "0", 0}, {333, "1.25", 4}, {10_000_000_000, "1", 100_000_000},
	}
	for _, tc := range tests {
		if got := Fee(tc.amount, tc.rate); got != tc.want {
			t.Errorf("Fee(%d, %q) = %d, want %d", tc.amount, tc.rate, got, tc.want)
		}
	}
}

func TestTransferAllRoutes(t *testing.T) {
	routes := []struct {
		route    Route
		from, to string
		fee      core.Tiyin
	}{
		{Uzcard2Uzcard, "8600000000000001", "8600000000000030", 2500},
		{Uzcard2Humo, "8600000000000001", "9860000000000030", 5000},
		{Humo2Uzcard, "9860000000000001", "8600000000000030", 5000},
		{Humo2Humo, "9860000000000001", "9860000000000030", 2500},
	}
	for _, tc := range routes {
		t.Run(string(tc.route), func(t *testing.T) {
			f := mustFixture(t)
			tok := f.bind(t, tc.from)
			q, err := f.svc.FeeInfo(tc.from, tc.to, "998901234567", 500_000)
			mustOK(t, err)
			if q.Fee != tc.fee || q.Total != 500_000+tc.fee {
				t.Fatalf("quote = %+v", q)
			}
			out, err := f.svc.Transfer(TransferParams{Route: tc.route, Token: tok, PAN: tc.to, Expiry: "2707", Amount: 500_000})
			mustOK(t, err)
			if out.Transfer.Fee != tc.fee || out.Transfer.State != TransferDone {
				t.Fatalf("out = %+v", out)
			}
			if b, _ := f.balance(t, tc.from); b != 1_000_000_000-500_000-tc.fee {
				t.Fatalf("sender %d", b)
			}
			if b, _ := f.balance(t, tc.to); b != 1_000_000_000+500_000 {
				t.Fatalf("recipient %d", b)
			}
			if _, fees := f.svc.Settlements(); fees != tc.fee {
				t.Fatalf("fees %d", fees)
			}
		})
	}
}

func TestTransferWithSMS(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, "8600000000000001")
	out, err := f.svc.Transfer(TransferParams{Route: Uzcard2Uzcard, Token: tok, PAN: "8600000000000030", Expiry: "2707", Amount: 10_000, ForceSMS: true})
	mustOK(t, err)
	if !out.SMSSent {
		t.Fatal("want an SMS")
	}
	if b, _ := f.balance(t, "8600000000000030"); b != 1_000_000_000 {
		t.Fatal("money moved before confirm")
	}
	tr, err := f.svc.ConfirmTransfer(out.Transfer.ID, f.lastCode(t))
	mustOK(t, err)
	if tr.State != TransferDone {
		t.Fatalf("tr = %+v", tr)
	}
	_, err = f.svc.ConfirmTransfer(out.Transfer.ID, f.lastCode(t))
	wantCode(t, err, CodeTxConfirmed)
	if b, _ := f.balance(t, "8600000000000030"); b != 1_000_010_000 {
		t.Fatalf("recipient %d", b)
	}
}

func TestTransferChecks(t *testing.T) {
	tests := []struct {
		name       string
		route      Route
		to, expiry string
		amount     core.Tiyin
		code       string
	}{
		{"route mismatch", Uzcard2Uzcard, "9860000000000030", "2707", 1000, CodeCardTypeRoute},
		{"bad bin", Uzcard2Uzcard, "4400000000000030", "2707", 1000, CodeInvalidCardNumber},
		{"bad pan", Uzcard2Uzcard, "86000000000030", "2707", 1000, CodeBadPAN},
		{"bad expiry", Uzcard2Uzcard, "8600000000000030", "2713", 1000, CodeBadExpiry},
		{"wrong expiry", Uzcard2Uzcard, "8600000000000030", "2708", 1000, CodeWrongPANOrExpiry},
		{"unknown recipient", Uzcard2Uzcard, "8600000000007777", "2707", 1000, CodeCardInfoFailed},
		{"refuses", Uzcard2Humo, "9860000000000015", "2707", 1000, CodeRefusesTransfers},
		{"sanctioned", Uzcard2Uzcard, "8600000000000016", "2707", 1000, CodeSanctioned},
		{"sanctioned blacklisted", Uzcard2Uzcard, "8600000000000017", "2707", 1000, CodeSanctionedBlack},
		{"recipient foreign", Uzcard2Uzcard, "8600000000000014", "2707", 1000, CodeForeignCountry},
		{"recipient blocked", Uzcard2Uzcard, "8600000000000003", "2707", 1000, CodeRecipientBlocked},
		{"recipient temp blocked", Uzcard2Uzcard, "8600000000000007", "2707", 1000, CodeRecipientBlocked},
		{"recipient blacklisted", Uzcard2Uzcard, "8600000000000008", "2707", 1000, CodeRecipientBlacklist},
		{"recipient pin", Uzcard2Uzcard, "8600000000000009", "2707", 1000, CodeRecipientPIN},
		{"recipient expired", Uzcard2Uzcard, "8600000000000004", "2001", 1000, CodeRecipientExpired},
		{"recipient sms off", Uzcard2Uzcard, "8600000000000005", "2707", 1000, CodeRecipientSMSOff},
		{"recipient bank", Uzcard2Uzcard, "8600000000000006", "2707", 1000, CodeRecipientBank},
		{"recipient currency", Uzcard2Uzcard, "8600000000000013", "2707", 1000, CodeForeignCurrency},
		{"amount zero", Uzcard2Uzcard, "8600000000000030", "2707", 0, CodeEnterAmount},
		{"too much", Uzcard2Uzcard, "8600000000000030", "2707", 999_999_000, CodeInsufficientFunds}, // + fee
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := mustFixture(t)
			tok := f.bind(t, "8600000000000001")
			_, err := f.svc.Transfer(TransferParams{Route: tc.route, Token: tok, PAN: tc.to, Expiry: tc.expiry, Amount: tc.amount})
			wantCode(t, err, tc.code)
			if b, _ := f.balance(t, "8600000000000001"); b != 1_000_000_000 {
				t.Fatal("a failed transfer moved money")
			}
		})
	}
}

func TestRecipientAndFeeInfo(t *testing.T) {
	f := mustFixture(t)
	r, err := f.svc.RecipientInfo("9860000000000030")
	mustOK(t, err)
	if r.Name != "DILNOZA YUSUPOVA" || r.Vendor != core.VendorHumo || r.Expiry.YYMM() != "2707" {
		t.Fatalf("r = %+v", r)
	}
	_, err = f.svc.RecipientInfo("8600000000004444")
	wantCode(t, err, CodeCardInfoFailed)
	_, err = f.svc.RecipientInfo("5555000000004444")
	wantCode(t, err, CodeInvalidCardNumber)
	_, err = f.svc.FeeInfo("8600000000004444", "8600000000000030", "998901234567", 100)
	wantCode(t, err, CodeSenderNotFound)
	_, err = f.svc.FeeInfo("8600000000000001", "8600000000000030", "998907654321", 100)
	wantCode(t, err, CodeLoginPhoneMismatch)
}

// Issue 11: fee-info answers as the transfer would for an unknown
// recipient, and a card cannot send to itself (-32390, the nearest code).
func TestQuoteAndTransferRefuseAlike(t *testing.T) {
	const unknown = "8600000000009999"
	f := mustFixture(t)
	tok := f.bind(t, panA)
	tests := []struct {
		name, to string
		code     string
	}{
		{"unknown recipient", unknown, CodeCardInfoFailed},
		{"the sender's own card", panA, CodeRefusesTransfers},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.svc.FeeInfo(panA, tc.to, "998901234567", 5_000)
			wantCode(t, err, tc.code)
			before, _ := f.balance(t, panA)
			_, err = f.svc.Transfer(TransferParams{Route: Uzcard2Uzcard, Token: tok, PAN: tc.to, Expiry: "2707", Amount: 5_000})
			wantCode(t, err, tc.code)
			if after, _ := f.balance(t, panA); after != before {
				t.Fatalf("balance %d -> %d", before, after)
			}
		})
	}
}
