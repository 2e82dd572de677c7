package requisites

import (
	"testing"
	"time"
)

// Orders settle at their own SettleAt, whatever order they were created in:
// an order made after the clock was set back settles first, alone, and a
// refused one gives its money back only when it is due.
func TestOrdersSettleInSettleAtOrder(t *testing.T) {
	s, clk := mustService(t)
	opening := mustBalance(t, s, "34")
	late := mustPay(t, s, goodPayment("late"), Outcome{Final: StatusDeleted}) // settles at start+after
	clk.Set(start.Add(-time.Hour))
	early := mustPay(t, s, goodPayment("early"), Outcome{}) // settles an hour earlier
	stays := mustPay(t, s, goodPayment("stays"), Outcome{Stay: true})

	status := func(id string) Status {
		t.Helper()
		o, err := s.Order(id)
		if err != nil {
			t.Fatal(err)
		}
		return o.Status
	}
	clk.Set(early.SettleAt.Add(-time.Second))
	if status("early") != StatusEntered || status("late") != StatusEntered {
		t.Fatalf("a second before the first is due: early %s, late %s", status("early"), status("late"))
	}
	clk.Set(early.SettleAt)
	if status("early") != StatusPosted || status("late") != StatusEntered {
		t.Fatalf("when the earlier order is due: early %s, late %s; want only early posted", status("early"), status("late"))
	}
	if got, want := mustBalance(t, s, "34"), opening-late.Total()-early.Total()-stays.Total(); got != want {
		t.Fatalf("balance %d before the refusal is due, want %d", got, want)
	}
	clk.Set(late.SettleAt)
	if status("late") != StatusDeleted || status("stays") != StatusEntered {
		t.Fatalf("when the later order is due: late %s, stays %s", status("late"), status("stays"))
	}
	if got, want := mustBalance(t, s, "34"), opening-early.Total()-stays.Total(); got != want {
		t.Fatalf("balance %d after the refusal, want %d (its debit given back)", got, want)
	}
}
