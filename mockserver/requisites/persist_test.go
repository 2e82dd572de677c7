package requisites

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
)

// snapshotOf takes a snapshot the way the sandbox does: under LockState.
func snapshotOf(tb testing.TB, s *Service) []byte {
	tb.Helper()
	b, err := core.Snapshot(s)
	if err != nil {
		tb.Fatalf("snapshot: %v", err)
	}
	return b
}

// rebuilt builds a NEW domain from the default scenario and the same seed,
// as the sandbox does at start: the clock it is built on is not the saved
// one (so undated seeded statement lines get other dates), the snapshot is
// restored, then the clock is set to the saved time.
func rebuilt(tb testing.TB, data []byte, savedAt time.Time) (*Service, *clock.Sandbox) {
	tb.Helper()
	s, clk := serviceAt(tb, savedAt.Add(7*time.Hour))
	if err := s.Restore(data); err != nil {
		tb.Fatalf("Restore: %v", err)
	}
	clk.Set(savedAt)
	return s, clk
}

// pays are the realistic sequence: settled, refunded, pending and
// stay-entered orders, payment and budget, on several services.
func runSequence(tb testing.TB, s *Service, clk *clock.Sandbox) {
	tb.Helper()
	mustPay(tb, s, goodPayment("posted-1"), Outcome{})
	mustPay(tb, s, goodPayment("refused-1"), Outcome{Final: StatusDeleted})
	mustPay(tb, s, goodBudget("budget-stays"), Outcome{Stay: true})
	clk.Advance(5 * time.Second) // posted-1 posts, refused-1 is refunded
	mustBalance(tb, s, "34")
	clk.Advance(1500 * time.Millisecond) // sub-second times must survive
	mustPay(tb, s, goodPayment("pending-1"), Outcome{})
	humo := goodPayment("pending-refused")
	humo.ServiceID, humo.Amount, humo.Commission = "35", "777000", "3000"
	mustPay(tb, s, humo, Outcome{Final: StatusDeleted})
	mustPay(tb, s, goodBudget("budget-pending"), Outcome{})
	clk.Advance(2 * time.Second) // the last three are still Введен
}

// statementJSON is the whole statement of a service, comparable across
// domains (times as RFC 3339, whatever their *time.Location).
func statementJSON(tb testing.TB, s *Service, service string) string {
	tb.Helper()
	var all []Entry
	last := "0"
	for {
		page, err := s.Statement(query(service, "0", last))
		if err != nil {
			tb.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		last = itoa(page[len(page)-1].ID)
	}
	b, err := json.Marshal(all)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

func TestPersistRestore(t *testing.T) {
	old, clk := mustService(t)
	runSequence(t, old, clk)
	data := snapshotOf(t, old)
	s, nclk := rebuilt(t, data, clk.Now())

	// (a) the same state, seen from the admin view, the statement and balances.
	if a, b := old.StateView(), s.StateView(); !reflect.DeepEqual(a, b) {
		t.Fatalf("StateView differs after restore:\nold %v\nnew %v", a, b)
	}
	for _, id := range []string{"33", "34", "35"} {
		if a, b := statementJSON(t, old, id), statementJSON(t, s, id); a != b {
			t.Errorf("statement of %s differs:\nold %s\nnew %s", id, a, b)
		}
		if a, b := mustBalance(t, old, id), mustBalance(t, s, id); a != b {
			t.Errorf("balance of %s: old %d, new %d", id, a, b)
		}
	}

	// (b) flows continue on the restored orders.
	before34, before35 := mustBalance(t, s, "34"), mustBalance(t, s, "35")
	nclk.Advance(3 * time.Second) // pending orders were created 2 s before the snapshot
	for _, tc := range []struct {
		id   string
		want Status
	}{
		{"posted-1", StatusPosted}, {"refused-1", StatusDeleted}, {"budget-stays", StatusEntered},
		{"pending-1", StatusPosted}, {"pending-refused", StatusDeleted}, {"budget-pending", StatusPosted},
	} {
		o, err := s.Order(tc.id)
		if err != nil || o.Status != tc.want {
			t.Errorf("restored order %s: %v %v, want %s", tc.id, o.Status, err, tc.want)
		}
	}
	if got := mustBalance(t, s, "35"); got != before35+780_000 {
		t.Errorf("the restored refused order was not refunded once: %d, want %d", got, before35+780_000)
	}
	if got := mustBalance(t, s, "34"); got != before34 {
		t.Errorf("balance of 34 moved on settling a posted order: %d, want %d", got, before34)
	}
	page, _ := s.Statement(query("35", "2", "0"))
	if len(page) != 1 || page[0].Status != StatusDeleted {
		t.Errorf("the restored statement line does not follow its order: %+v", page)
	}
	pay, _ := s.Validate(goodPayment("posted-1"))
	if _, err := s.Pay(pay, Outcome{}); codeOf(err) != CodeSystem {
		t.Errorf("a restored orderId was accepted again: %v", err)
	}
	if got := mustBalance(t, s, "34"); got != before34 {
		t.Errorf("the refused duplicate debited: %d, want %d", got, before34)
	}

	// (c) new ids do not collide with restored ones, and are the ones the
	// old domain would have given next.
	restored := map[string]bool{}
	maxEntry := int64(0)
	for _, id := range []string{"33", "34", "35"} {
		p, _ := s.Statement(query(id, "0", "0"))
		for _, e := range p {
			maxEntry = max(maxEntry, e.ID)
		}
	}
	for _, o := range s.st.Orders {
		restored[o.DocID] = true
	}
	for _, p := range []PaymentParams{goodPayment("after-1"), goodBudget("after-2"), goodPayment("after-3")} {
		o := mustPay(t, s, p, Outcome{})
		if restored[o.DocID] {
			t.Errorf("new order %s reuses doc_id %s", o.OrderID, o.DocID)
		}
		restored[o.DocID] = true
		want := mustPay(t, old, p, Outcome{})
		if o.DocID != want.DocID {
			t.Errorf("new order %s: doc_id %s, the unrestarted domain gives %s", o.OrderID, o.DocID, want.DocID)
		}
	}
	newer, _ := s.Statement(query("34", "0", itoa(maxEntry)))
	if len(newer) != 2 {
		t.Errorf("after the last restored id %d: %d lines, want the 2 new ones", maxEntry, len(newer))
	}
}

// A snapshot restored and snapshotted again gives the same bytes.
func TestPersistRoundTripBytes(t *testing.T) {
	tests := []struct {
		name string
		run  func(testing.TB, *Service, *clock.Sandbox)
	}{
		{"fresh", func(testing.TB, *Service, *clock.Sandbox) {}},
		{"realistic", runSequence},
		{"settled", func(tb testing.TB, s *Service, clk *clock.Sandbox) {
			runSequence(tb, s, clk)
			clk.Advance(time.Hour)
			mustBalance(tb, s, "34")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			old, clk := mustService(t)
			tc.run(t, old, clk)
			first := snapshotOf(t, old)
			s, _ := rebuilt(t, first, clk.Now())
			if second := snapshotOf(t, s); !bytes.Equal(first, second) {
				t.Fatalf("snapshot changed on a round trip:\nfirst  %s\nsecond %s", first, second)
			}
			if bytes.Contains(first, []byte(`"0001-01-01`)) {
				t.Errorf("snapshot holds a zero time: %s", first)
			}
		})
	}
}

// A bad snapshot is refused and leaves the domain as it was, usable.
func TestPersistRestoreRejects(t *testing.T) {
	old, clk := mustService(t)
	runSequence(t, old, clk)
	good := snapshotOf(t, old)
	edit := func(f func(*state)) []byte {
		var st state
		if err := core.DecodeSnapshot(good, snapshotVersion, &st); err != nil {
			t.Fatal(err)
		}
		f(&st)
		b, err := core.EncodeSnapshot(snapshotVersion, &st)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	line := func(st *state, id OrderID) *entry {
		for _, e := range st.Entries {
			if e.OrderID == id {
				return e
			}
		}
		t.Fatalf("no line for %s", id)
		return nil
	}
	future, _ := core.EncodeSnapshot(snapshotVersion+1, &old.st)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not JSON", []byte("garbage{"), "not readable"},
		{"truncated", good[:len(good)/2], "not readable"},
		{"future version", future, "version"},
		{"unknown service", edit(func(st *state) { st.Balances[99] = st.Balances[34]; delete(st.Balances, 34) }), "not in the scenario"},
		{"service missing", edit(func(st *state) { delete(st.Balances, 34) }), "services"},
		{"order under another key", edit(func(st *state) { st.Orders["posted-1"].OrderID = "x" }), "mismatched"},
		{"bad status", edit(func(st *state) { st.Orders["posted-1"].Status = "Done" }), "status"},
		{"doc_id beyond counter", edit(func(st *state) { st.LastDoc -= 10 }), "doc counters"},
		{"malformed doc_id", edit(func(st *state) { st.Orders["posted-1"].DocID = "x" }), "doc_id"},
		{"line names unknown order", edit(func(st *state) { line(st, "posted-1").OrderID = "ghost" }), "unknown"},
		{"order without line", edit(func(st *state) { line(st, "posted-1").OrderID = "" }), "without a statement line"},
		{"ids not increasing", edit(func(st *state) { st.Entries[1].ID = st.Entries[0].ID }), "not increasing"},
		{"entry counter behind", edit(func(st *state) { st.LastEntry = 1 }), "last_entry_id"},
		{"bad entry type", edit(func(st *state) { st.Entries[0].Type = "Sideways" }), "type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, sclk := rebuilt(t, good, clk.Now()) // a domain with restored state
			err := s.Restore(tc.data)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Restore = %v, want an error about %q", err, tc.want)
			}
			if got := snapshotOf(t, s); !bytes.Equal(got, good) {
				t.Errorf("a refused Restore changed the state")
			}
			o := mustPay(t, s, goodPayment("after-garbage"), Outcome{})
			sclk.Advance(5 * time.Second)
			if got, _ := s.Order(string(o.OrderID)); got.Status != StatusPosted {
				t.Errorf("the domain is not usable after a refused Restore: %s", got.Status)
			}
		})
	}
}

// Snapshots taken the sandbox's way while payments, refunds and settlements
// run are consistent: for every service, balance + what its live (not
// refunded) orders took is what it started with.
func TestPersistConsistentUnderLoad(t *testing.T) {
	s, clk := mustService(t)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				p := goodPayment("load-" + itoa(int64(g)) + "-" + itoa(int64(i)))
				if g%2 == 1 {
					p = goodBudget(p.OrderID)
				}
				out := Outcome{}
				if i%3 == 0 {
					out.Final = StatusDeleted
				}
				if _, err := s.Validate(p); err != nil {
					t.Error(err)
					return
				}
				mustPay(t, s, p, out)
				if i%5 == 0 {
					clk.Advance(2 * time.Second)
				}
			}
		}()
	}
	done := make(chan struct{})
	var snaps [][]byte
	go func() {
		defer close(done)
		for range 30 {
			snaps = append(snaps, snapshotOf(t, s))
		}
	}()
	wg.Wait()
	<-done
	snaps = append(snaps, snapshotOf(t, s))
	for i, data := range snaps {
		var st state
		if err := core.DecodeSnapshot(data, snapshotVersion, &st); err != nil {
			t.Fatal(err)
		}
		live := map[ServiceID]core.Tiyin{}
		for _, o := range st.Orders {
			if o.Status != StatusDeleted {
				live[o.ServiceID] += o.Total()
			}
		}
		for id, bal := range st.Balances {
			if got := bal + live[id]; got != 10_000_000_000 {
				t.Fatalf("snapshot %d: service %d: balance %d + live orders %d = %d, want 10000000000", i, id, bal, live[id], got)
			}
		}
		r, _ := rebuilt(t, data, clk.Now())
		if again := snapshotOf(t, r); !bytes.Equal(again, data) {
			t.Fatalf("snapshot %d does not round-trip", i)
		}
	}
}
