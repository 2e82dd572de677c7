package paysys

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func mustService(tb testing.TB) (*Service, *clock.Sandbox) {
	tb.Helper()
	return buildAt(tb, t0)
}

func code(err error) string { c, _ := core.CodeOf(err); return c }

func TestPayByCashErrors(t *testing.T) {
	cases := []struct {
		name string
		p    PayParams
		want string
	}{
		{"short account", PayParams{VendorID: 101596, Account: "12345678", Amount: 100}, CodePhoneFormat},
		{"letters", PayParams{VendorID: 101596, Account: "99890000000a", Amount: 100}, CodePhoneFormat},
		{"unknown vendor", PayParams{VendorID: 1, Account: "998900000001", Amount: 100}, CodeVendorUnknown},
		{"blocked vendor", PayParams{VendorID: 101597, Account: "998900000010", Amount: 100}, CodeVendorBlocked},
		{"not a wallet", PayParams{VendorID: 101596, Account: "998900000099", Amount: 100}, CodeUserNotFound},
		{"zero amount", PayParams{VendorID: 101596, Account: "998900000001", Amount: 0}, CodeMissingParams},
		{"above balance", PayParams{VendorID: 101596, Account: "998900000001", Amount: 100000000001}, CodeInsufficientFunds},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := mustService(t)
			_, err := s.PayByCash(tc.p)
			if got := code(err); got != tc.want {
				t.Fatalf("got %q (%v), want %q", got, err, tc.want)
			}
			if got := s.Balance(); got != 100000000000 {
				t.Fatalf("balance changed on error: %d", got)
			}
		})
	}
}

// TestWholeBalance: the whole balance can be paid out, one tiyin more cannot,
// and a refused payout changes nothing.
func TestWholeBalance(t *testing.T) {
	for _, tc := range []struct {
		name   string
		amount core.Tiyin
		want   string
		left   core.Tiyin
	}{
		{"whole balance", 1_000_000, "", 0},
		{"one tiyin more", 1_000_001, CodeInsufficientFunds, 1_000_000},
		{"one tiyin less", 999_999, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := mustService(t)
			s.st.Balance = 1_000_000
			_, err := s.PayByCash(PayParams{VendorID: 101596, Account: "79123456789", Amount: tc.amount})
			if got := code(err); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
			if got := s.Balance(); got != tc.left {
				t.Fatalf("balance %d, want %d", got, tc.left)
			}
		})
	}
}

func TestStatusScripts(t *testing.T) {
	type probe struct {
		at      time.Duration
		status  int
		balance core.Tiyin // after the probe
	}
	const start, amt = core.Tiyin(100000000000), core.Tiyin(1500000)
	cases := []struct {
		account string
		probes  []probe
	}{
		{"79123456789", []probe{{0, 2, start - amt}, {time.Hour, 2, start - amt}}},
		{"998900000002", []probe{{0, 0, start - amt}, {29 * time.Second, 0, start - amt}, {30 * time.Second, 1, start - amt}, {60 * time.Second, 2, start - amt}}},
		{"998900000003", []probe{{0, 1, start - amt}, {59 * time.Second, 1, start - amt}, {60 * time.Second, 3, start}, {2 * time.Hour, 3, start}}},
		{"998900000006", []probe{{0, 2, start - amt}, {60 * time.Second, 6, start}}},
		{"998900000007", []probe{{0, 7, start - amt}, {60 * time.Second, 2, start - amt}}},
		{"998900000009", []probe{{0, -1, start}}},
	}
	for _, tc := range cases {
		t.Run(tc.account, func(t *testing.T) {
			s, clk := mustService(t)
			p, err := s.PayByCash(PayParams{VendorID: 101596, Account: tc.account, Amount: amt})
			if err != nil {
				t.Fatal(err)
			}
			if p.TransactionID < 1000000 || p.TransactionID > 9999999 || len(p.ID) != 32 || len(p.Tracker) != 32 {
				t.Fatalf("ids not shaped per SCENARIOS.md §2: %+v", p)
			}
			for _, pr := range tc.probes {
				clk.Set(t0.Add(pr.at))
				got, err := s.CheckPayment(p.TransactionID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Status != pr.status {
					t.Errorf("at %v: status %d, want %d", pr.at, got.Status, pr.status)
				}
				if b := s.Balance(); b != pr.balance {
					t.Errorf("at %v: balance %d, want %d", pr.at, b, pr.balance)
				}
			}
		})
	}
}

// TestSamePayoutTwice: D-10, a repeated payout is a new payout whatever
// state the first one reached (in progress, completed, cancelled).
func TestSamePayoutTwice(t *testing.T) {
	for _, acct := range []string{"998900000002", "79123456789", "998900000003"} {
		t.Run(acct, func(t *testing.T) {
			s, clk := mustService(t)
			p := PayParams{VendorID: 101596, Account: acct, Amount: 100}
			first, err := s.PayByCash(p)
			if err != nil {
				t.Fatal(err)
			}
			clk.Advance(time.Minute) // completed, or cancelled (money back)
			before := s.Balance()
			again, err := s.PayByCash(p)
			if err != nil {
				t.Fatalf("second payout refused: %v", err)
			}
			if again.TransactionID == first.TransactionID || again.ID == first.ID {
				t.Fatalf("second payout replayed the first: %+v", again)
			}
			if got, want := s.Balance(), before-100; got != want {
				t.Fatalf("balance %d, want %d (the second payout debits)", got, want)
			}
		})
	}
	s, _ := mustService(t)
	if _, err := s.CheckPayment(42); code(err) != CodeTxNotFound {
		t.Fatalf("unknown id: got %v", err)
	}
}

func TestRuleStepsOverride(t *testing.T) {
	s, clk := mustService(t)
	p, err := s.PayByCash(PayParams{VendorID: 101596, Account: "79123456789", Amount: 100,
		Steps: []Step{{Status: 1, For: 10 * time.Second}, {Status: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	clk.Advance(10 * time.Second)
	got, _ := s.CheckPayment(p.TransactionID)
	if got.Status != 3 || s.Balance() != 100000000000 {
		t.Fatalf("got status %d balance %d", got.Status, s.Balance())
	}
}

func TestAuthenticate(t *testing.T) {
	wall := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		c    Credentials
		want string
	}{
		{"good signature", Credentials{Auth: Sign("sandbox", "sandbox", wall)}, ""},
		{"skew within 5m", Credentials{Auth: Sign("sandbox", "sandbox", wall.Add(-4*time.Minute))}, ""},
		{"skew exactly 5m", Credentials{Auth: Sign("sandbox", "sandbox", wall.Add(-5*time.Minute))}, ""},
		{"skew 5m and 1ms", Credentials{Auth: Sign("sandbox", "sandbox", wall.Add(-5*time.Minute-time.Millisecond))}, CodeStaleTimestamp},
		{"stale", Credentials{Auth: Sign("sandbox", "sandbox", wall.Add(-6*time.Minute))}, CodeStaleTimestamp},
		{"future", Credentials{Auth: Sign("sandbox", "sandbox", wall.Add(6*time.Minute))}, CodeStaleTimestamp},
		{"wrong secret", Credentials{Auth: Sign("sandbox", "nope", wall)}, CodeForbidden},
		{"wrong service", Credentials{Auth: Sign("other", "sandbox", wall)}, CodeForbidden},
		{"garbage", Credentials{Auth: "x-y-z"}, CodeForbidden},
		{"none", Credentials{}, CodeForbidden},
		{"basic", Credentials{HasBasic: true, BasicUser: "sandbox", BasicPass: "sandbox"}, ""},
		{"bad basic", Credentials{HasBasic: true, BasicUser: "sandbox", BasicPass: "x"}, CodeForbidden},
		{"stale but good basic", Credentials{Auth: Sign("sandbox", "sandbox", wall.Add(-time.Hour)), HasBasic: true, BasicUser: "sandbox", BasicPass: "sandbox"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := mustService(t)
			clk.Advance(1000 * time.Hour) // D-3: the sandbox clock does not matter
			if got := code(s.Authenticate(tc.c, wall)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("narrowed to basic", func(t *testing.T) {
		s, _ := mustService(t)
		s.settings.Auth = []string{SchemeBasic}
		if got := code(s.Authenticate(Credentials{Auth: Sign("sandbox", "sandbox", wall)}, wall)); got != CodeForbidden {
			t.Fatalf("got %q", got)
		}
	})
}

// signSeconds signs with a seconds timestamp, as a public PHP client does.
func signSeconds(service, secret string, at time.Time) string {
	ts := strconv.FormatInt(at.Unix(), 10)
	sum := sha1.Sum([]byte(secret + ts))
	return service + "-" + hex.EncodeToString(sum[:]) + "-" + ts
}

// TestAuthTimestampUnit: D-11, seconds accepted by default (staleness
// applies), refused as stale when settings.paysys.auth_timestamp is ms.
func TestAuthTimestampUnit(t *testing.T) {
	wall := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name, unit, auth, want string
	}{
		{"seconds by default", "any", signSeconds("sandbox", "sandbox", wall), ""},
		{"seconds within skew", "any", signSeconds("sandbox", "sandbox", wall.Add(-4*time.Minute)), ""},
		{"stale seconds", "any", signSeconds("sandbox", "sandbox", wall.Add(-6*time.Minute)), CodeStaleTimestamp},
		{"future seconds", "any", signSeconds("sandbox", "sandbox", wall.Add(6*time.Minute)), CodeStaleTimestamp},
		{"seconds, wrong secret", "any", signSeconds("sandbox", "nope", wall), CodeForbidden},
		{"ms by default", "any", Sign("sandbox", "sandbox", wall), ""},
		{"seconds when ms required", "ms", signSeconds("sandbox", "sandbox", wall), CodeStaleTimestamp},
		{"ms when ms required", "ms", Sign("sandbox", "sandbox", wall), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := mustService(t)
			s.settings.AuthTimestamp = tc.unit
			if got := code(s.Authenticate(Credentials{Auth: tc.auth}, wall)); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestConcurrentPayouts: many payouts at once never overdraw and conserve
// money: balance + paid out (not returned) = the starting balance.
func TestConcurrentPayouts(t *testing.T) {
	s, clk := mustService(t)
	s.st.Balance = 1_000_000 // room for 100 of 200 payouts of 10 000
	accounts := []string{"79123456789", "998900000003", "998900000009", "998900000002"}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, refused := 0, 0
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.PayByCash(PayParams{VendorID: 101596, Account: accounts[i%len(accounts)], Amount: 10_000})
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
			case errors.Is(err, core.Fail(CodeInsufficientFunds)):
				refused++
			default:
				t.Error(err)
			}
			_ = s.StateView()
		}()
	}
	wg.Wait()
	clk.Advance(time.Hour)
	view := s.StateView().(map[string]any)
	bal, paid := view["balance"].(core.Tiyin), view["paid_out"].(core.Tiyin)
	if bal < 0 || bal+paid != 1_000_000 {
		t.Fatalf("balance %d + paid out %d != 1000000", bal, paid)
	}
	if ok+refused != 200 || refused == 0 {
		t.Fatalf("ok %d refused %d", ok, refused)
	}
}
