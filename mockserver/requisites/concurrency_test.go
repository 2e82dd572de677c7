package requisites

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Many concurrent payments on one service, each orderId sent several times,
// some refused: every orderId applies once, the balance never goes below 0,
// and balance + money paid out is what the service started with.
func TestConcurrentPayments(t *testing.T) {
	s, clk := mustService(t)
	s.st.Balances[34] = 50_000_000 // room for about 96 of the 200 orders
	const orders, copies = 200, 4
	var accepted, duplicates, short atomic.Int64
	var wg sync.WaitGroup
	for i := range orders {
		for range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				p := goodPayment("c-" + itoa(int64(i)))
				out := Outcome{}
				if i%5 == 0 {
					out.Final = StatusDeleted
				}
				pay, err := s.Validate(p)
				if err != nil {
					t.Error(err)
					return
				}
				_, err = s.Pay(pay, out)
				switch {
				case err == nil:
					accepted.Add(1)
				case codeOf(err) == CodeSystem:
					if _, known := s.Order(string(pay.OrderID)); known == nil {
						duplicates.Add(1)
					} else {
						short.Add(1)
					}
				default:
					t.Errorf("Pay: %v", err)
				}
				if i%7 == 0 {
					clk.Advance(time.Second) // settlements and refunds race with payments
				}
				_, _ = s.Statement(query("34", "0", "0"))
			}()
		}
	}
	wg.Wait()
	clk.Advance(time.Minute)
	// Settlement happens when the service is next touched; read once so the
	// orders below are what any client would now see.
	_, _ = s.Statement(query("34", "0", "0"))

	var paidOut core.Tiyin
	seen := map[OrderID]bool{}
	for _, o := range s.st.Orders {
		if seen[o.OrderID] {
			t.Fatalf("order %s twice", o.OrderID)
		}
		seen[o.OrderID] = true
		if o.Status == StatusEntered {
			t.Errorf("order %s still Введен after settling", o.OrderID)
		}
		if o.Status == StatusPosted {
			paidOut += o.Total()
		}
	}
	if got, want := int64(len(s.st.Orders)), accepted.Load(); got != want {
		t.Errorf("%d orders stored, %d accepted", got, want)
	}
	bal := mustBalance(t, s, "34")
	if bal < 0 {
		t.Fatalf("balance went negative: %d", bal)
	}
	if got, want := bal+paidOut, core.Tiyin(50_000_000); got != want {
		t.Errorf("balance %d + paid out %d = %d, want %d", bal, paidOut, got, want)
	}
	outgoing := 0
	for _, e := range s.st.Entries {
		if e.order != nil {
			outgoing++
		}
	}
	if outgoing != len(s.st.Orders) {
		t.Errorf("%d Расход entries for %d orders", outgoing, len(s.st.Orders))
	}
	t.Logf("accepted %d, duplicates %d, over balance %d", accepted.Load(), duplicates.Load(), short.Load())
}
