package anorbank

import (
	"fmt"
	"math/rand"
	"sync"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Many goroutines pay, hold, top up, reverse, confirm and cancel on one card,
// some racing on the same bills. Afterwards money is conserved: what the
// card has (available + held) plus what has left it (Σ settled) is what it
// started with; the card's held equals Σ bill holds; no hold passed its cap.
func TestConcurrentOperationsConserveMoney(t *testing.T) {
	f := newFixture(t, false)
	ref := CardRef{PAN: panOK, Expiry: expOK}
	const workers, perWorker = 16, 40
	var wg sync.WaitGroup
	ids := make(chan BillID, workers*perWorker)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			for i := range perWorker {
				b, err := f.svc.Check(CheckParams{RecipientID: 1001, Amount: core.Tiyin(100 + rng.Intn(900)),
					AgentTranID: fmt.Sprintf("w%d-%d", w, i), Card: ref})
				if err != nil {
					continue // the card may be out of funds for a while
				}
				ids <- b.ID
				if rng.Intn(2) == 0 {
					_, _ = f.svc.Pay("", b.ID, fixedCode)
				} else {
					_, _ = f.svc.Hold("", b.ID, fixedCode)
					for range 3 {
						_, _ = f.svc.TopUp("", b.ID, core.Tiyin(rng.Intn(200)), ref)
					}
					_, _ = f.svc.ReverseHoldPartially("", b.ID, core.Tiyin(rng.Intn(300)))
				}
			}
		}()
	}
	// Racers: pick recent bills and fire every follow-up at them at once.
	done := make(chan struct{})
	var racers sync.WaitGroup
	for r := range 8 {
		racers.Add(1)
		go func() {
			defer racers.Done()
			rng := rand.New(rand.NewSource(int64(100 + r)))
			for {
				select {
				case id := <-ids:
					switch rng.Intn(5) {
					case 0:
						_, _ = f.svc.ConfirmHold("", id)
					case 1:
						_, _ = f.svc.ReverseHold("", id)
					case 2:
						_, _ = f.svc.Cancel("", id)
					case 3:
						_, _ = f.svc.TopUp("", id, 50, ref)
					default:
						_, _ = f.svc.Status("", id, "")
					}
				case <-done:
					return
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	racers.Wait()

	card, _ := f.cards.Get(panOK)
	var held, settled core.Tiyin
	f.svc.mu.Lock()
	for _, b := range f.svc.st.Bills {
		if b.Held < 0 || b.Settled < 0 {
			t.Errorf("bill %d: held %d settled %d", b.ID, b.Held, b.Settled)
		}
		if b.ToppedUp > TopUpCap(b.Original, 0.30) {
			t.Errorf("bill %d: topped up %d over the cap of %d", b.ID, b.ToppedUp, TopUpCap(b.Original, 0.30))
		}
		if b.State != BillHoldSuccess && b.Held != 0 {
			t.Errorf("bill %d in %s still holds %d", b.ID, b.State, b.Held)
		}
		held += b.Held
		settled += b.Settled
	}
	n := len(f.svc.st.Bills)
	f.svc.mu.Unlock()
	if card.Held != held {
		t.Errorf("card held %d, Σ bill holds %d", card.Held, held)
	}
	if got := card.Balance + card.Held + settled; got != startBal {
		t.Errorf("available %d + held %d + settled %d = %d, want %d", card.Balance, card.Held, settled, got, startBal)
	}
	if n == 0 {
		t.Fatal("no bill was created")
	}
}
