package sandbox

import (
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// The provider list lives in contracts.Providers (the contracts loader and
// the suite read it there); the sandbox's typed table must mount exactly
// those, in that order.
func TestProviderTableMatchesContracts(t *testing.T) {
	var got []string
	for _, p := range providerTable(time.Now) {
		got = append(got, p.name)
	}
	if want := contracts.Providers; !slices.Equal(got, want) {
		t.Fatalf("sandbox mounts %v, contracts.Providers lists %v", got, want)
	}
}

// Every namespace holds one core.Domain per mounted provider.
func TestEveryNamespaceHoldsEachProvidersDomain(t *testing.T) {
	s := newServer(t, Options{})
	ns := s.ns.get("domains")
	for _, name := range contracts.Providers {
		if ns.Domain(name) == nil {
			t.Errorf("namespace has no %s domain", name)
		}
	}
	if d := ns.Domain("nosuch"); d != nil {
		t.Errorf("Domain(nosuch) = %T, want nil", d)
	}
	var _ core.Domain = ns.Domain(contracts.Providers[0])
}

// D-3: PaySys checks the Auth timestamp against the embedder's wall clock
// (Options.Now), not the process's.
func TestPaysysAuthUsesOptionsNow(t *testing.T) {
	wall := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	s := newServer(t, Options{Now: func() time.Time { return wall }})
	for _, tc := range []struct {
		name string
		at   time.Time
		want int // JSON-RPC error code
	}{
		// authenticated: the unknown payment is the answer
		{"the embedder's now", wall, -32314},
		{"the process's now", time.Now(), -32320},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, body := paysysCall(t, s, tc.at)
			got := 0
			if e, ok := body["error"].(map[string]any); ok {
				f, _ := e["code"].(float64)
				got = int(f)
			}
			if got != tc.want {
				t.Fatalf("error code %d, want %d (%v)", got, tc.want, body)
			}
		})
	}
}

// paysysCall checks a payment with the default credentials, signed at at.
func paysysCall(t *testing.T, h http.Handler, at time.Time) (int, map[string]any) {
	t.Helper()
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	sum := sha1.Sum([]byte("sandbox" + ts))
	req := httptest.NewRequest("POST", "/paysys/gateway",
		strings.NewReader(`{"jsonrpc":"2.0","id":"1","method":"pam.check_payment","params":{"agr_transaction_id":1}}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Auth", "sandbox-"+hex.EncodeToString(sum[:])+"-"+ts)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

// max_skew: 0s means the Auth timestamp must be the wall clock's own
// millisecond; left out, 5 minutes either way.
func TestPaysysMaxSkewZero(t *testing.T) {
	wall := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		name, skew string
		off        time.Duration
		want       int
	}{
		{"zero, same millisecond", ", max_skew: 0s", 0, -32314},
		{"zero, one millisecond off", ", max_skew: 0s", time.Millisecond, -32320},
		{"left out, 5 minutes off", "", 5 * time.Minute, -32314},
		{"left out, past 5 minutes", "", 5*time.Minute + time.Millisecond, -32320},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const old = ", max_skew: 5m"
			if !strings.Contains(string(scenarios.DefaultYAML()), old) {
				t.Fatal("default.yaml no longer has the max_skew this test replaces")
			}
			doc := strings.Replace(string(scenarios.DefaultYAML()), old, tc.skew, 1)
			sc, err := LoadScenario("skew.yaml", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			s := newServer(t, Options{Scenario: sc, Now: func() time.Time { return wall }})
			_, body := paysysCall(t, s, wall.Add(-tc.off))
			e, _ := body["error"].(map[string]any)
			if got, _ := e["code"].(float64); int(got) != tc.want {
				t.Fatalf("error %v, want code %d", body, tc.want)
			}
		})
	}
}

// A later sandbox in the process reuses the adapters the first one built
// (issue 15: New builds no routers or validators twice, so a suite can
// afford a sandbox per test), except PaySys's for a server with its own
// clock (D-3, TestPaysysClockIsPerServer).
func TestLaterServersShareAdapters(t *testing.T) {
	first, later := newServer(t, Options{}), newServer(t, Options{})
	withClock := newServer(t, Options{Now: time.Now})
	for _, name := range contracts.Providers {
		if first.byName[name].adapter != later.byName[name].adapter {
			t.Errorf("%s: the later server built its own adapter", name)
		}
		if got := withClock.byName[name].adapter == first.byName[name].adapter; got != (name != "paysys") {
			t.Errorf("%s: a server with Options.Now shares the adapter: %v", name, got)
		}
	}
}

// Each server checks the PaySys Auth timestamp against its own wall clock,
// whichever was built first in the process.
func TestPaysysClockIsPerServer(t *testing.T) {
	wall := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	before := newServer(t, Options{})
	fixed := newServer(t, Options{Now: func() time.Time { return wall }})
	after := newServer(t, Options{})
	for _, tc := range []struct {
		name   string
		s      *Server
		at     time.Time
		wantOK bool
	}{
		{"process clock, built first, signed now", before, time.Now(), true},
		{"process clock, built first, signed in 2030", before, wall, false},
		{"fixed clock, signed in 2030", fixed, wall, true},
		{"fixed clock, signed now", fixed, time.Now(), false},
		{"process clock, built last, signed now", after, time.Now(), true},
		{"process clock, built last, signed in 2030", after, wall, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, body := paysysCall(t, tc.s, tc.at)
			e, _ := body["error"].(map[string]any)
			code, _ := e["code"].(float64)
			// -32314: authenticated, the payment is unknown; -32320: stale Auth.
			if want := map[bool]float64{true: -32314, false: -32320}[tc.wantOK]; code != want {
				t.Fatalf("error %v, want code %v", body, want)
			}
		})
	}
}
