package core

import (
	"errors"
	"math"
	"testing"
)

// The ledger's edges: the whole balance (or the whole hold) moves, one tiyin
// more is refused and leaves the card as it was.
func TestCardsEdges(t *testing.T) {
	const pan = PAN("8600000000000001")
	const balance, held Tiyin = 10_000, 2_500
	type op func(*Cards, PAN, Tiyin) error
	tests := []struct {
		name        string
		op          op
		amount      Tiyin
		wantErr     error
		wantBalance Tiyin
		wantHeld    Tiyin
	}{
		{"debit the whole balance", (*Cards).Debit, balance, nil, 0, held},
		{"debit one tiyin more", (*Cards).Debit, balance + 1, ErrInsufficientFunds, balance, held},
		{"debit zero", (*Cards).Debit, 0, nil, balance, held},
		{"reserve the whole balance", (*Cards).Reserve, balance, nil, 0, held + balance},
		{"reserve one tiyin more", (*Cards).Reserve, balance + 1, ErrInsufficientFunds, balance, held},
		{"release the whole hold", (*Cards).Release, held, nil, balance + held, 0},
		{"release one tiyin more", (*Cards).Release, held + 1, ErrHoldExceeded, balance, held},
		{"capture the whole hold", (*Cards).Capture, held, nil, balance, 0},
		{"capture one tiyin more", (*Cards).Capture, held + 1, ErrHoldExceeded, balance, held},
		{"credit", (*Cards).Credit, 1, nil, balance + 1, held},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cards := NewCards([]Card{{PAN: pan, Balance: balance, Held: held}})
			if err := tc.op(cards, pan, tc.amount); !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			c, _ := cards.Get(pan)
			if got, want := c.Balance, tc.wantBalance; got != want {
				t.Errorf("balance = %d, want %d", got, want)
			}
			if got, want := c.Held, tc.wantHeld; got != want {
				t.Errorf("held = %d, want %d", got, want)
			}
		})
	}
}

// An empty card refuses the smallest amount; an empty hold releases nothing.
func TestCardsEmpty(t *testing.T) {
	const pan = PAN("8600000000000001")
	cards := NewCards([]Card{{PAN: pan}})
	for name, err := range map[string]error{
		"debit":   cards.Debit(pan, 1),
		"reserve": cards.Reserve(pan, 1),
	} {
		if !errors.Is(err, ErrInsufficientFunds) {
			t.Errorf("%s 1 tiyin of 0: %v, want %v", name, err, ErrInsufficientFunds)
		}
	}
	for name, err := range map[string]error{
		"release": cards.Release(pan, 1),
		"capture": cards.Capture(pan, 1),
	} {
		if !errors.Is(err, ErrHoldExceeded) {
			t.Errorf("%s 1 tiyin of 0 held: %v, want %v", name, err, ErrHoldExceeded)
		}
	}
}

// Issue 13.10: a credit that would overflow the card's money is refused and
// changes nothing; negative moves are refused too.
func TestCardsRefuseOverflowAndNegativeMoves(t *testing.T) {
	const pan = PAN("8600000000000001")
	tests := []struct {
		name            string
		balance, held   Tiyin
		move            func(c *Cards) error
		want            error
		wantBal, wantHd Tiyin
	}{
		{"credit to the brim", math.MaxInt64 - 10, 5, func(c *Cards) error { return c.Credit(pan, 5) }, nil, math.MaxInt64 - 5, 5},
		{"credit one past the brim", math.MaxInt64 - 10, 5, func(c *Cards) error { return c.Credit(pan, 6) }, ErrOverflow, math.MaxInt64 - 10, 5},
		{"credit of MaxInt64", 1, 0, func(c *Cards) error { return c.Credit(pan, math.MaxInt64) }, ErrOverflow, 1, 0},
		{"negative credit", 10, 0, func(c *Cards) error { return c.Credit(pan, -1) }, ErrNegativeAmount, 10, 0},
		{"negative debit", 10, 0, func(c *Cards) error { return c.Debit(pan, -1) }, ErrNegativeAmount, 10, 0},
		{"negative hold", 10, 0, func(c *Cards) error { return c.Reserve(pan, -1) }, ErrNegativeAmount, 10, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := NewCards([]Card{{PAN: pan, Balance: tc.balance, Held: tc.held}})
			if err := tc.move(c); !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			got, _ := c.Get(pan)
			if got.Balance != tc.wantBal || got.Held != tc.wantHd {
				t.Errorf("balance %d held %d, want %d %d", got.Balance, got.Held, tc.wantBal, tc.wantHd)
			}
		})
	}
}
