package paysys

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/scenarios"
)

// buildAt builds a domain the way the sandbox does for a namespace (same
// scenario, same seed) on its own frozen clock at `at`. PaySys never touches
// the card ledger, so env.Cards plays no part.
func buildAt(tb testing.TB, at time.Time) (*Service, *clock.Sandbox) {
	tb.Helper()
	sc, err := scenarios.Default(scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	clk := clock.NewSandbox(at, true, nil)
	env := core.Env{Namespace: "t", Seed: 1, Clock: clk, Log: slog.New(slog.DiscardHandler)}
	return New(env, sc), clk
}

func snap(tb testing.TB, s *Service) []byte {
	tb.Helper()
	b, err := core.Snapshot(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// restored builds a fresh domain at the old one's clock and restores b into it.
func restored(tb testing.TB, b []byte, at time.Time) (*Service, *clock.Sandbox) {
	tb.Helper()
	s, clk := buildAt(tb, at)
	if err := s.Restore(b); err != nil {
		tb.Fatalf("restore: %v\n%s", err, b)
	}
	return s, clk
}

func mustPay(tb testing.TB, s *Service, account string, amt core.Tiyin, steps ...Step) Payout {
	tb.Helper()
	p, err := s.PayByCash(PayParams{VendorID: 101596, Account: account, Amount: amt, Steps: steps})
	if err != nil {
		tb.Fatalf("pay %s: %v", account, err)
	}
	return p
}

// history runs a realistic mix: a completed payout, one in progress, ones
// whose script will cancel or refund later, one errored at once, a rule
// override that has already cancelled, a held one, and check mx_ids.
func history(tb testing.TB, s *Service, clk *clock.Sandbox) map[string]Payout {
	tb.Helper()
	got := map[string]Payout{}
	got["done"] = mustPay(tb, s, "79123456789", 1_500_000)
	got["progress"] = mustPay(tb, s, "998900000002", 2_000_000) // 0 for 30s, 1 for 30s, then 2
	got["cancel"] = mustPay(tb, s, "998900000003", 3_000_000)   // 1 for 60s, then 3 (money back)
	got["refund"] = mustPay(tb, s, "998900000006", 4_000_000)   // 2 for 60s, then 6 (money back)
	got["error"] = mustPay(tb, s, "998900000009", 5_000_000)    // -1 at once (money back)
	clk.Advance(5 * time.Second)
	got["rule"] = mustPay(tb, s, "79123456789", 600_000, Step{Status: StatusAwaiting, For: 10 * time.Second}, Step{Status: StatusCancelled})
	got["held"] = mustPay(tb, s, "998900000007", 700_000) // 7 for 60s, then 2
	for range 3 {
		_ = s.Tracker()
	}
	clk.Advance(15 * time.Second) // t0+20s: the rule's payout is cancelled by now
	if p, err := s.CheckPayment(got["rule"].TransactionID); err != nil || p.Status != StatusCancelled {
		tb.Fatalf("rule payout: %+v %v", p, err)
	}
	return got
}

func TestPersistRestoreContinues(t *testing.T) {
	old, oldClk := buildAt(t, t0)
	ps := history(t, old, oldClk)
	b := snap(t, old)
	now, newClk := restored(t, b, oldClk.Now())

	// (a) the same state, seen the same way.
	if a, b := old.StateView(), now.StateView(); !reflect.DeepEqual(a, b) {
		t.Fatalf("state views differ:\nold %v\nnew %v", a, b)
	}

	// (b) flows continue on restored payouts, in step with the original.
	both := func(name string, f func(s *Service) any) {
		t.Helper()
		if a, b := f(old), f(now); !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: old %+v, restored %+v", name, a, b)
		}
	}
	type res struct {
		P   any
		Err string
	}
	payAgain := func(acct string, amt core.Tiyin) func(s *Service) any {
		return func(s *Service) any {
			p, err := s.PayByCash(PayParams{VendorID: 101596, Account: acct, Amount: amt})
			return res{p, code(err)}
		}
	}
	check := func(name string) func(s *Service) any {
		return func(s *Service) any {
			p, err := s.CheckPayment(ps[name].TransactionID)
			return res{p, code(err)}
		}
	}
	startBal := now.Balance()
	for _, c := range []struct {
		advance time.Duration
		name    string
		status  int
		balance core.Tiyin // restored balance after the probe, relative to startBal
	}{
		{0, "progress", StatusCreated, 0},
		{15 * time.Second, "progress", StatusAwaiting, 0},
		{0, "held", StatusHeld, 0},
		{25 * time.Second, "cancel", StatusCancelled, 3_000_000 + 4_000_000}, // t0+60s: the refund settles too
		{0, "refund", StatusRefunded, 3_000_000 + 4_000_000},
		{0, "progress", StatusCompleted, 7_000_000},
		{5 * time.Second, "held", StatusCompleted, 7_000_000}, // held since t0+5s
		{time.Hour, "rule", StatusCancelled, 7_000_000},
		{0, "error", StatusError, 7_000_000},
	} {
		oldClk.Advance(c.advance)
		newClk.Advance(c.advance)
		both("check "+c.name, check(c.name))
		p, _ := now.CheckPayment(ps[c.name].TransactionID)
		if p.Status != c.status || now.Balance()-startBal != c.balance {
			t.Fatalf("%s at +%v: status %d balance %+d, want %d %+d", c.name, c.advance, p.Status, now.Balance()-startBal, c.status, c.balance)
		}
		both("balance", func(s *Service) any { return s.Balance() })
	}

	// (c) new ids continue the stream: the same ones the original issues
	// next, none equal to a restored one.
	restoredIDs := map[string]bool{}
	restoredTx := map[int64]bool{}
	for _, p := range ps {
		restoredIDs[p.ID], restoredIDs[p.Tracker], restoredTx[p.TransactionID] = true, true, true
	}
	for range 5 {
		both("tracker", func(s *Service) any { return s.Tracker() })
		both("new payout", payAgain("998900000002", 100))
	}
	view := now.StateView().(map[string]any)["payouts"].([]map[string]any)
	if len(view) != len(ps)+5 {
		t.Fatalf("%d payouts, want %d", len(view), len(ps)+5)
	}
	tx := map[int64]bool{}
	for _, row := range view {
		id := row["transaction_id"].(int64)
		if tx[id] {
			t.Fatalf("transaction_id %d twice", id)
		}
		tx[id] = true
	}
	now.mu.Lock()
	for _, p := range now.st.Payouts {
		if !restoredTx[p.TransactionID] && (restoredIDs[p.ID] || restoredIDs[p.Tracker]) {
			t.Errorf("new payout %d reuses a restored id", p.TransactionID)
		}
	}
	now.mu.Unlock()
	both("state", func(s *Service) any { return s.StateView() })
}

func TestSnapshotRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		prep func(t *testing.T, s *Service, clk *clock.Sandbox)
	}{
		{"fresh", func(*testing.T, *Service, *clock.Sandbox) {}},
		{"history", func(t *testing.T, s *Service, clk *clock.Sandbox) { history(t, s, clk) }},
		{"settled", func(t *testing.T, s *Service, clk *clock.Sandbox) {
			history(t, s, clk)
			clk.Advance(2 * time.Hour)
			_ = s.Balance()
		}},
		{"non-UTC clock", func(t *testing.T, s *Service, clk *clock.Sandbox) {
			clk.Set(clk.Now().In(time.FixedZone("UZT", 5*3600)).Add(1234567 * time.Nanosecond))
			history(t, s, clk)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := buildAt(t, t0)
			tc.prep(t, s, clk)
			first := snap(t, s)
			r, _ := restored(t, first, clk.Now())
			if second := snap(t, r); !bytes.Equal(first, second) {
				t.Fatalf("round trip changed the snapshot:\n%s\n%s", first, second)
			}
			if !reflect.DeepEqual(s.StateView(), r.StateView()) {
				t.Fatal("state views differ")
			}
		})
	}
}

func TestRestoreRejects(t *testing.T) {
	s, clk := buildAt(t, t0)
	history(t, s, clk)
	good := snap(t, s)
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	state := func(m map[string]any) map[string]any { return m["state"].(map[string]any) }
	payout0 := func(m map[string]any) map[string]any { return state(m)["payouts"].([]any)[0].(map[string]any) }
	cases := []struct{ name, data string }{
		{"empty", ""},
		{"garbage", "not json at all"},
		{"truncated", string(good[:len(good)/2])},
		{"null", "null"},
		{"version 1", edit(func(m map[string]any) { m["version"] = 1 })},
		{"unknown field", edit(func(m map[string]any) { state(m)["cards"] = []any{} })},
		{"amount as text", edit(func(m map[string]any) { state(m)["balance_tiyin"] = "100" })},
		{"negative balance", edit(func(m map[string]any) { state(m)["balance_tiyin"] = -1 })},
		{"no id stream", edit(func(m map[string]any) { delete(state(m), "ids") })},
		{"bad id stream", edit(func(m map[string]any) { state(m)["ids"] = "zz" })},
		{"bad time", edit(func(m map[string]any) { payout0(m)["created"] = "yesterday" })},
		{"negative step", edit(func(m map[string]any) { payout0(m)["steps"] = []any{map[string]any{"status": 1, "for_ns": -1}} })},
		{"no steps", edit(func(m map[string]any) { payout0(m)["steps"] = []any{} })},
		{"short id", edit(func(m map[string]any) { payout0(m)["id"] = "abc" })},
		{"null payout", edit(func(m map[string]any) { state(m)["payouts"] = []any{nil} })},
		{"duplicate payout", edit(func(m map[string]any) { state(m)["payouts"] = append(state(m)["payouts"].([]any), payout0(m)) })},
		{"tx above counter", edit(func(m map[string]any) { state(m)["last_transaction_id"] = payout0(m)["transaction_id"] })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := restored(t, good, clk.Now())
			before := r.StateView()
			beforeSnap := snap(t, r)
			if err := r.Restore([]byte(tc.data)); err == nil {
				t.Fatalf("accepted %q", tc.data)
			}
			if !reflect.DeepEqual(before, r.StateView()) || !bytes.Equal(beforeSnap, snap(t, r)) {
				t.Fatal("a rejected restore changed the state")
			}
			// still usable: pays and checks on the restored state
			p := mustPay(t, r, "79123456789", 100)
			if got, err := r.CheckPayment(p.TransactionID); err != nil || got.Status != StatusCompleted {
				t.Fatalf("after a rejected restore: %+v %v", got, err)
			}
		})
	}
	t.Run("fresh domain stays usable", func(t *testing.T) {
		f, _ := buildAt(t, t0)
		if err := f.Restore([]byte(`{"version":2,"state":{"payouts":[{`)); err == nil {
			t.Fatal("accepted garbage")
		}
		mustPay(t, f, "79123456789", 100)
	})
}

// TestSnapshotConsistentUnderLoad: snapshots taken while payouts run never
// catch a half-applied one: every snapshot, restored, conserves the money.
func TestSnapshotConsistentUnderLoad(t *testing.T) {
	const start = core.Tiyin(1_000_000)
	s, clk := buildAt(t, t0)
	s.st.Balance = start
	accounts := []string{"79123456789", "998900000009", "998900000003"}
	var wg sync.WaitGroup
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = s.PayByCash(PayParams{VendorID: 101596, Account: accounts[i%len(accounts)], Amount: 10_000})
			_ = s.Tracker()
		}()
	}
	var snaps [][]byte
	for range 20 {
		snaps = append(snaps, snap(t, s))
	}
	wg.Wait()
	snaps = append(snaps, snap(t, s))
	for i, b := range snaps {
		r, _ := buildAt(t, clk.Now())
		r.st.Balance = start // the scenario's balance is rebuilt by New; this test starts lower
		if err := r.Restore(b); err != nil {
			t.Fatal(err)
		}
		v := r.StateView().(map[string]any)
		if bal, paid := v["balance"].(core.Tiyin), v["paid_out"].(core.Tiyin); bal < 0 || bal+paid != start {
			t.Fatalf("snapshot %d: balance %d + paid out %d != %d", i, bal, paid, start)
		}
		if strings.Count(string(b), `"transaction_id"`) != len(v["payouts"].([]map[string]any)) {
			t.Fatalf("snapshot %d: payouts lost", i)
		}
	}
}
