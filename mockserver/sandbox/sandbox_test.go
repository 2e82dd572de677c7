package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/scenarios"
)

func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func do(t *testing.T, h http.Handler, method, path, body string) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	return rec.Code, out
}

type panicAdapter struct{ Adapter }

func (panicAdapter) ServeHTTP(http.ResponseWriter, *http.Request) { panic("boom") }

func TestPanicIsAnsweredInTheProviderEnvelopeAndJournaled(t *testing.T) {
	s := newServer(t, Options{})
	real := s.byName["anorbank"]
	p := &provider{name: "anorbank", mounting: &mounting{adapter: panicAdapter{real.adapter}, ready: real.ready}}
	rec := httptest.NewRecorder()
	s.serveProvider(rec, httptest.NewRequest("POST", "/anorbank/api/ext/user/login", strings.NewReader(`{}`)), p, "default", "/api/ext/user/login")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), `"detail":"internal error"`) {
		t.Fatalf("got %d %s", rec.Code, rec.Body)
	}
	if j := s.ns.get("default").Journal.List("", 1); len(j) != 1 || j[0].Status != 500 {
		t.Fatalf("journal: %+v", j)
	}
}

func TestOversizeBodyGetsTheProviderError(t *testing.T) {
	s := newServer(t, Options{})
	big := `{"username":"` + strings.Repeat("a", 1<<20) + `"}`
	code, body := do(t, s, "POST", "/anorbank/api/ext/user/login", big)
	if code != 400 || body["detail"] != "invalid request" {
		t.Fatalf("got %d %v", code, body)
	}
}

func TestJournalMasksCardNumbers(t *testing.T) {
	s := newServer(t, Options{})
	s.ns.get("mask") // the namespace exists: a refused login does not create one
	do(t, s, "POST", "/ns/mask/anorbank/api/ext/user/login", `{"username":"8600000000000001","password":"x"}`)
	j := s.ns.get("mask").Journal.List("", 1)
	if len(j) != 1 || strings.Contains(j[0].Request, "8600000000000001") || !strings.Contains(j[0].Request, "860000******0001") {
		t.Fatalf("journal: %+v", j)
	}
}

func TestNamespacesAreIsolatedAndExpire(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s := newServer(t, Options{Now: func() time.Time { return now }})
	do(t, s, "POST", "/ns/a/__admin/clock", `{"advance":"48h"}`)
	_, a := do(t, s, "GET", "/ns/a/__admin/clock", "")
	_, b := do(t, s, "GET", "/ns/b/__admin/clock", "")
	if a["now"] == b["now"] {
		t.Fatalf("clocks shared: %v %v", a, b)
	}
	if s.ns.count() != 2 {
		t.Fatalf("namespaces: %d", s.ns.count())
	}
	now = now.Add(2 * time.Hour)
	s.ns.expire(time.Hour)
	if s.ns.count() != 0 {
		t.Fatalf("idle namespaces kept: %d", s.ns.count())
	}
}

func TestUnknownPathsAndBadNamespaces(t *testing.T) {
	s := newServer(t, Options{})
	if code, body := do(t, s, "GET", "/what", ""); code != 404 || body["prefixes"] == nil {
		t.Fatalf("got %d %v", code, body)
	}
	if code, _ := do(t, s, "GET", "/ns/bad%21name/__admin/health", ""); code != 400 {
		t.Fatalf("got %d", code)
	}
	if code, body := do(t, s, "GET", "/anorbank/nope", ""); code != 404 || body["detail"] != "not found" {
		t.Fatalf("got %d %v", code, body)
	}
}

// A reset fault drops the connection: the client sees a transport error and
// nothing is answered.
func TestResetFaultDropsTheConnection(t *testing.T) {
	s := newServer(t, Options{})
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.ns.get("default").Rules.Arm(rules.Rule{Provider: "anorbank", Operations: []string{"login"}, Fault: rules.FaultReset})
	_, err := http.Post(srv.URL+"/anorbank/api/ext/user/login", "application/json", bytes.NewReader([]byte(`{"username":"sandbox","password":"sandbox"}`)))
	if err == nil {
		t.Fatal("want a broken connection")
	}
	resp, err := http.Post(srv.URL+"/anorbank/api/ext/user/login", "application/json", bytes.NewReader([]byte(`{"username":"sandbox","password":"sandbox"}`)))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("after the fault: %d", resp.StatusCode)
	}
}

func TestPutScenarioRejectsInvalidAndKeepsThePrevious(t *testing.T) {
	s := newServer(t, Options{})
	code, body := do(t, s, "PUT", "/__admin/scenario", "version: 1\nrules: [{provider: anorbank, operation: nope, error: 'no such'}]\n")
	if code != 400 {
		t.Fatalf("got %d %v", code, body)
	}
	errs, _ := body["errors"].([]any)
	if len(errs) != 2 {
		t.Fatalf("want 2 problems (operation, error), got %v", body)
	}
	if s.ScenarioName() != "default" {
		t.Fatal("the previous scenario was replaced")
	}
}

func TestAdminTokenGuardsTheControlAPI(t *testing.T) {
	s := newServer(t, Options{AdminToken: "s3cret"})
	if code, _ := do(t, s, "POST", "/__admin/reset", ""); code != 401 {
		t.Fatalf("reset without the token: %d", code)
	}
	if code, _ := do(t, s, "GET", "/__admin/health", ""); code != 200 {
		t.Fatalf("health must stay open for HEALTHCHECK: %d", code)
	}
	req := httptest.NewRequest("POST", "/ns/x/__admin/reset", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("with the token: %d", rec.Code)
	}
}

// DefaultScenario skips the semantic checks at start-up; this proves the
// embedded file passes them (codes in catalogues, known operations, matchers).
func TestDefaultScenarioPassesTheChecks(t *testing.T) {
	if _, err := LoadScenario("default.yaml", scenarios.DefaultYAML()); err != nil {
		t.Fatal(err)
	}
}

func TestMountInBackgroundServesOnceReady(t *testing.T) {
	s := newServer(t, Options{MountInBackground: true})
	// A provider request waits for its adapter rather than failing.
	if code, body := do(t, s, "POST", "/anorbank/api/ext/user/login", `{"username":"sandbox","password":"sandbox"}`); code != 200 {
		t.Fatalf("got %d %v", code, body)
	}
	if err := s.Ready(); err != nil {
		t.Fatal(err)
	}
}

// Rules see body.<path> and header.<name> on every provider (SCENARIOS.md §1).
func TestRulesMatchBodyAndHeaderFacts(t *testing.T) {
	s := newServer(t, Options{})
	code, _ := do(t, s, "POST", "/ns/facts/__admin/faults", `{"provider":"anorbank","operation":"login","match":{"body.username":"ghost","header.x-test":"on"},"error":"internal error"}`)
	if code != 200 {
		t.Fatalf("arm: %d", code)
	}
	login := func(user string, header bool) int {
		req := httptest.NewRequest("POST", "/ns/facts/anorbank/api/ext/user/login", strings.NewReader(`{"username":"`+user+`","password":"sandbox"}`))
		if header {
			req.Header.Set("X-Test", "on")
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec.Code
	}
	if got := login("ghost", false); got != 401 {
		t.Fatalf("without the header: %d, want the ordinary 401", got)
	}
	if got := login("sandbox", true); got != 200 {
		t.Fatalf("another username: %d, want 200", got)
	}
	if got := login("ghost", true); got != 500 {
		t.Fatalf("body and header match: %d, want the armed internal error (500)", got)
	}
}
