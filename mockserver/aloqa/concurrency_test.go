package aloqa

import (
	"math/rand"
	"sync"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// TestConcurrentMoneyIsConserved runs many debits, holds, charges, cancels,
// reverses and P2P transfers at once on four shared cards. Afterwards the
// money is all accounted for: balances + holds + merchant settlements +
// fees equal what the cards held at the start, no balance is negative, and
// every transaction ended in one state.
func TestConcurrentMoneyIsConserved(t *testing.T) {
	f := mustFixture(t)
	pans := []string{"8600000000000001", "9860000000000001", "8600000000000030", "9860000000000030"}
	tokens := make([]CardToken, len(pans))
	var before core.Tiyin
	for i, p := range pans {
		tokens[i] = f.bind(t, p)
		b, h := f.balance(t, p)
		before += b + h
	}
	const workers, ops = 16, 150
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(seed))
			var mine []TxID
			for range ops {
				i := rng.Intn(len(pans))
				amount := core.Tiyin(100 + rng.Intn(50_000_000))
				switch rng.Intn(6) {
				case 0, 1:
					out, err := f.svc.Debit(DebitParams{Token: tokens[i], Amount: amount, Merchant: m, Terminal: term, Hold: rng.Intn(2) == 0})
					if err == nil {
						mine = append(mine, out.Debit.ID)
					}
				case 2:
					if len(mine) > 0 {
						_, _ = f.svc.ChargeHold(mine[rng.Intn(len(mine))])
					}
				case 3:
					if len(mine) > 0 {
						_ = f.svc.CancelHold(mine[rng.Intn(len(mine))])
					}
				case 4:
					if len(mine) > 0 {
						_ = f.svc.ReverseDebit(mine[rng.Intn(len(mine))])
					}
				case 5:
					j := rng.Intn(len(pans))
					from, _ := f.cards.Get(core.PAN(pans[i]))
					route := RouteOf(from.Vendor, vendorOfBIN(core.PAN(pans[j])))
					_, _ = f.svc.Transfer(TransferParams{Route: route, Token: tokens[i], PAN: pans[j], Expiry: "2707", Amount: amount})
				}
				// Another provider moving money on the same cards at the same time.
				if rng.Intn(10) == 0 {
					_ = f.cards.Credit(core.PAN(pans[i]), 0)
				}
			}
		}(int64(w))
	}
	wg.Wait()

	var after core.Tiyin
	for _, p := range pans {
		b, h := f.balance(t, p)
		if b < 0 || h < 0 {
			t.Fatalf("card %s: balance %d, held %d", p, b, h)
		}
		after += b + h
	}
	merchants, fees := f.svc.Settlements()
	if got, want := after+merchants+fees, before; got != want {
		t.Fatalf("money not conserved: cards %d + merchants %d + fees %d = %d, want %d", after, merchants, fees, got, want)
	}
	// Holds on the cards equal the holds the gateway still has open.
	var openHolds core.Tiyin
	for _, d := range f.svc.st.Debits {
		if d.State == DebitHeld {
			openHolds += d.Amount
		}
	}
	var held core.Tiyin
	for _, p := range pans {
		_, h := f.balance(t, p)
		held += h
	}
	if held != openHolds {
		t.Fatalf("held on cards %d, open holds %d", held, openHolds)
	}
	if len(f.svc.st.Debits) == 0 || len(f.svc.st.Transfers) == 0 {
		t.Fatal("the test moved no money")
	}
}
