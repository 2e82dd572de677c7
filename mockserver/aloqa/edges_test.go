package aloqa

import (
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// TestMoneyEdges: every cap and funds check at its exact edge, as a user
// sees it: the edge itself passes, one tiyin past it is refused, and a
// refusal moves nothing.
func TestMoneyEdges(t *testing.T) {
	const fee = 5_000 // 1 % of 500 000 on uzcard2humo
	tests := []struct {
		name    string
		pan     string
		balance core.Tiyin // set before the call (0: as seeded)
		run     func(t *testing.T, f *fixture, tok CardToken) error
		code    string // "" = succeeds
	}{
		{"max_amount itself", panA, 0, feeInfo(maxAmount), ""},
		{"max_amount + 1", panA, 0, feeInfo(maxAmount + 1), CodeAmountTooLarge},
		{"per-operation limit itself", "8600000000000018", 0, debit(10_000, false), ""},
		{"per-operation limit + 1", "8600000000000018", 0, debit(10_001, false), CodeBankRestriction},
		{"SMS debit of the whole balance", panA, 7_000, debit(7_000, true), ""},
		{"SMS debit of the balance + 1", panA, 7_000, debit(7_001, true), CodeInsufficientFunds},
		{"confirm an SMS debit of the whole balance", panA, 7_000, confirmDebit(7_000), ""},
		{"transfer of the whole balance, fee included", panA, 500_000 + fee, transfer(500_000, false), ""},
		{"transfer one tiyin short of the fee", panA, 500_000 + fee - 1, transfer(500_000, false), CodeInsufficientFunds},
		{"SMS transfer one tiyin short of the fee", panA, 500_000 + fee - 1, transfer(500_000, true), CodeInsufficientFunds},
		{"confirm a transfer of the whole balance", panA, 500_000 + fee, confirmTransfer(500_000), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := mustFixture(t)
			tok := f.bind(t, tc.pan)
			if tc.balance > 0 {
				mustOK(t, f.cards.Update(core.PAN(tc.pan), func(c *core.Card) error { c.Balance = tc.balance; return nil }))
			}
			before, held := f.balance(t, tc.pan)
			err := tc.run(t, f, tok)
			if tc.code == "" {
				mustOK(t, err)
				return
			}
			wantCode(t, err, tc.code)
			if b, h := f.balance(t, tc.pan); b != before || h != held {
				t.Fatalf("a refusal moved money: %d/%d -> %d/%d", before, held, b, h)
			}
		})
	}
}

const maxAmount = 10_000_000_000 // default scenario settings.aloqa.max_amount

func feeInfo(amount core.Tiyin) func(*testing.T, *fixture, CardToken) error {
	return func(_ *testing.T, f *fixture, _ CardToken) error {
		_, err := f.svc.FeeInfo(panA, panH30, "998901234567", amount)
		return err
	}
}

func debit(amount core.Tiyin, sms bool) func(*testing.T, *fixture, CardToken) error {
	return func(t *testing.T, f *fixture, tok CardToken) error {
		_, err := f.svc.Debit(DebitParams{Token: tok, Amount: amount, Merchant: m, Terminal: term, ForceSMS: sms})
		return err
	}
}

func confirmDebit(amount core.Tiyin) func(*testing.T, *fixture, CardToken) error {
	return func(t *testing.T, f *fixture, tok CardToken) error {
		out, err := f.svc.Debit(DebitParams{Token: tok, Amount: amount, Merchant: m, Terminal: term, ForceSMS: true})
		mustOK(t, err)
		_, err = f.svc.ConfirmDebit(out.Debit.ID, f.lastCode(t))
		return err
	}
}

func transfer(amount core.Tiyin, sms bool) func(*testing.T, *fixture, CardToken) error {
	return func(t *testing.T, f *fixture, tok CardToken) error {
		_, err := f.svc.Transfer(TransferParams{Route: Uzcard2Humo, Token: tok, PAN: panH30, Expiry: "2707", Amount: amount, ForceSMS: sms})
		return err
	}
}

func confirmTransfer(amount core.Tiyin) func(*testing.T, *fixture, CardToken) error {
	return func(t *testing.T, f *fixture, tok CardToken) error {
		out, err := f.svc.Transfer(TransferParams{Route: Uzcard2Humo, Token: tok, PAN: panH30, Expiry: "2707", Amount: amount, ForceSMS: true})
		mustOK(t, err)
		_, err = f.svc.ConfirmTransfer(out.Transfer.ID, f.lastCode(t))
		return err
	}
}
