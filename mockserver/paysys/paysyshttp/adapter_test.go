package paysyshttp

import (
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/scenarios"
)

var wall = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

type rig struct {
	t  testing.TB
	a  *Adapter
	ns *core.Namespace
}

func newRig(t testing.TB) *rig {
	t.Helper()
	a, err := New(func() time.Time { return wall })
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Default(scenarios.Checks{})
	if err != nil {
		t.Fatal(err)
	}
	ns := &core.Namespace{Name: "t", Seed: 7, Clock: clock.NewSandbox(wall, true, nil),
		Rules: rules.NewEngine(nil, 1), Log: slog.New(slog.DiscardHandler)}
	ns.SetDomain(paysys.Provider, paysys.New(ns.Env(), sc))
	return &rig{t: t, a: a, ns: ns}
}

// do sends body with a good signature (auth "" = none) and returns status,
// decoded body and the strict-mode violation.
func (g *rig) do(method, path, auth, body string) (int, map[string]any) {
	g.t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if auth != "" {
		r.Header.Set("Auth", auth)
	}
	call := &httpx.Call{NS: g.ns, Strict: true, Log: slog.New(slog.DiscardHandler), Body: []byte(body)}
	r = r.WithContext(httpx.WithCall(r.Context(), call))
	w := httptest.NewRecorder()
	g.a.ServeHTTP(w, r)
	if call.Violation != "" {
		g.t.Errorf("%s: contract violation: %s", body, call.Violation)
	}
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		g.t.Fatalf("%s: not JSON: %q", body, w.Body.String())
	}
	return w.Code, out
}

func good() string { return paysys.Sign("sandbox", "sandbox", wall) }

func errCode(body map[string]any) float64 {
	e, _ := body["error"].(map[string]any)
	c, _ := e["code"].(float64)
	return c
}

func TestGatewayErrors(t *testing.T) {
	cases := []struct {
		name, auth, body string
		status           int
		code             float64
		id               any
	}{
		{"no auth", "", `{"id":"a","method":"pam.check_payment","params":{"agr_transaction_id":1}}`, 401, -32504, "a"},
		{"stale", paysys.Sign("sandbox", "sandbox", wall.Add(-time.Hour)), `{"id":5,"method":"pam.check_payment","params":{"agr_transaction_id":1}}`, 200, -32320, 5.0},
		{"not json", good(), `{"id":`, 200, -32700, nil},
		{"array", good(), `[1]`, 200, -32600, nil},
		{"no method", good(), `{"id":"x"}`, 200, -32600, "x"},
		{"float id", good(), `{"id":1.5,"method":"pam.check_payment"}`, 200, -32600, nil},
		{"unknown method", good(), `{"id":202,"method":"pam.nope"}`, 200, -32601, 202.0},
		{"no params", good(), `{"id":"x","method":"pam.check_payment"}`, 200, -32300, "x"},
		{"wrong type", good(), `{"id":"x","method":"pam.check_payment","params":{"agr_transaction_id":"1"}}`, 200, -32300, "x"},
		{"unknown tx", good(), `{"id":"x","method":"pam.check_payment","params":{"agr_transaction_id":1}}`, 200, -32314, "x"},
		{"no amount", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","vendor_id":101596}}}`, 200, -32300, "x"},
		{"fine fraction", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","vendor_id":101596,"amount":1.001}}}`, 200, -32300, "x"},
		{"account format", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"+7912","vendor_id":101596,"amount":1}}}`, 200, -32303, "x"},
		{"zero amount, unknown vendor", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","vendor_id":1,"amount":0}}}`, 200, -32300, "x"},
		{"null vendor_form", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":null}}`, 200, -32300, "x"},
		{"null params", good(), `{"id":"x","method":"pam.check_payment","params":null}`, 200, -32300, "x"},
		{"null amount", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","vendor_id":101596,"amount":null}}}`, 200, -32300, "x"},
		{"string amount", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","vendor_id":101596,"amount":"100"}}}`, 200, -32300, "x"},
		{"null id, unknown tx", good(), `{"id":null,"method":"pam.check_payment","params":{"agr_transaction_id":1}}`, 200, -32314, nil},
		{"blocked", good(), `{"id":"x","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"998900000010","vendor_id":101597,"amount":1}}}`, 200, -32319, "x"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := newRig(t)
			status, body := g.do("POST", "/gateway", tc.auth, tc.body)
			if status != tc.status || errCode(body) != tc.code {
				t.Fatalf("got %d %v, want %d %v", status, body, tc.status, tc.code)
			}
			if body["id"] != tc.id || body["result"] != nil {
				t.Fatalf("envelope: %v", body)
			}
		})
	}
}

func TestGatewayPayAndCheck(t *testing.T) {
	g := newRig(t)
	status, body := g.do("POST", "/gateway", good(), `{"jsonrpc":"2.0","id":"1cb17690","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":12000.5,"vendor_id":101596}}}`)
	if status != 200 || body["error"] != nil {
		t.Fatalf("%d %v", status, body)
	}
	res := body["result"].(map[string]any)
	d := res["details"].(map[string]any)
	if d["amount"] != 12000.5 || d["masked_card_number"] != nil || d["date"] != float64(wall.Unix()) {
		t.Fatalf("details %v", d)
	}
	if _, jsonrpc := body["jsonrpc"]; jsonrpc {
		t.Fatal("PS-6: never emit jsonrpc")
	}
	tx := int64(d["transaction_id"].(float64))
	_, body = g.do("POST", "/gateway", good(), `{"id":2,"method":"pam.check_payment","params":{"agr_transaction_id":`+jsonInt(tx)+`}}`)
	inner := body["result"].(map[string]any)["result"].(map[string]any)
	if inner["status"] != 2.0 || inner["amount"] != 12000.5 || body["id"] != 2.0 {
		t.Fatalf("check %v", body)
	}
}

// TestReusedIDs: D-10, the id is echoed (null too) and never an
// idempotency key: each call pays anew, whatever the first one became.
func TestReusedIDs(t *testing.T) {
	for _, id := range []string{`22`, `"22"`, `null`} {
		t.Run(id, func(t *testing.T) {
			g := newRig(t)
			body := `{"id":` + id + `,"method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":null,"amount":5,"vendor_id":101596}}}`
			seen := map[float64]bool{}
			for range 3 {
				status, out := g.do("POST", "/gateway", good(), body)
				if status != 200 || out["error"] != nil {
					t.Fatalf("%d %v", status, out)
				}
				if got, _ := json.Marshal(out["id"]); string(got) != id {
					t.Fatalf("id echoed as %s, want %s", got, id)
				}
				tx := out["result"].(map[string]any)["details"].(map[string]any)["transaction_id"].(float64)
				if seen[tx] {
					t.Fatalf("transaction %v answered twice: a replay", tx)
				}
				seen[tx] = true
			}
			if got := g.ns.Domain(paysys.Provider).(*paysys.Service).Balance(); got != 100_000_000_000-3*500 {
				t.Fatalf("balance %d: every call must pay", got)
			}
		})
	}
}

// TestTrailingSlashAndChallenge: /gateway/ is the gateway (issue 11), and a
// 401 challenges for Basic (D-19).
func TestTrailingSlashAndChallenge(t *testing.T) {
	g := newRig(t)
	status, body := g.do("POST", "/gateway/", good(), `{"id":1,"method":"pam.check_payment","params":{"agr_transaction_id":1}}`)
	if status != 200 || errCode(body) != -32314 {
		t.Fatalf("/gateway/: %d %v", status, body)
	}
	r := httptest.NewRequest("POST", "/gateway", strings.NewReader(`{"id":1}`))
	call := &httpx.Call{NS: g.ns, Log: slog.New(slog.DiscardHandler), Body: []byte(`{"id":1}`)}
	w := httptest.NewRecorder()
	g.a.ServeHTTP(w, r.WithContext(httpx.WithCall(r.Context(), call)))
	if got := w.Header().Get("WWW-Authenticate"); w.Code != 401 || got != `Basic realm="paysys"` {
		t.Fatalf("401 without a Basic challenge: %d %q", w.Code, got)
	}
}

func TestGatewayWrongPathAndMethod(t *testing.T) {
	g := newRig(t)
	if status, body := g.do("GET", "/gateway", good(), ""); status != 405 || errCode(body) != -32600 {
		t.Fatalf("%d %v", status, body)
	}
	if status, body := g.do("POST", "/nope", good(), "{}"); status != 404 || errCode(body) != -32601 {
		t.Fatalf("%d %v", status, body)
	}
}

func TestSums(t *testing.T) {
	for in, want := range map[string]core.Tiyin{"1": 100, "12000": 1200000, "0.5": 50, "1.25": 125} {
		got, ok := parseSums(json.Number(in))
		if !ok || got != want {
			t.Errorf("%s: %d %v", in, got, ok)
		}
		b, _ := sums(got).MarshalJSON()
		if string(b) != in {
			t.Errorf("%d renders %s, want %s", got, b, in)
		}
	}
	if got, ok := parseSums(json.Number("1000000000000000")); !ok || got != 100_000_000_000_000_000 {
		t.Errorf("the largest amount: %d %v", got, ok)
	}
	for _, in := range []string{"-1", "1e3", "0.001", "99999999999999999999", "1000000000000001", "92233720368547758"} {
		if _, ok := parseSums(json.Number(in)); ok {
			t.Errorf("%s accepted", in)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(`{"id":1,"method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","amount":1,"vendor_id":101596}}}`)
	f.Add(`{"id":"x","method":"pam.check_payment","params":{"agr_transaction_id":1}}`)
	f.Add(`[]`)
	g := newRig(f)
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/gateway", strings.NewReader(body))
		r.Header.Set("Auth", good())
		call := &httpx.Call{NS: g.ns, Log: slog.New(slog.DiscardHandler), Body: []byte(body)}
		w := httptest.NewRecorder()
		g.a.ServeHTTP(w, r.WithContext(httpx.WithCall(r.Context(), call)))
		if w.Code != 200 && w.Code != 401 {
			t.Fatalf("status %d for %q", w.Code, body)
		}
		if !json.Valid(w.Body.Bytes()) {
			t.Fatalf("invalid JSON answer for %q", body)
		}
	})
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }
