package requisiteshttp_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

var nsSeq atomic.Int64

// mustServer is a strict in-process sandbox on the default scenario without
// its rules (no 30 s delays or dropped connections under a fuzzer); each call
// of do uses the namespace it is given.
func mustServer(tb testing.TB) *sandbox.Server {
	tb.Helper()
	sc, err := sandbox.DefaultScenario()
	if err != nil {
		tb.Fatal(err)
	}
	quiet := *sc
	quiet.Rules = nil
	// FuzzPayment gives every input its own namespace: past the default cap
	// of 10,000 (a few seconds of fuzzing) the sandbox would answer 503.
	srv, err := sandbox.New(sandbox.Options{Strict: true, Scenario: &quiet, MaxNamespaces: 1 << 30})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	return srv
}

type answer struct {
	status int
	body   map[string]any
	raw    string
}

func do(tb testing.TB, h http.Handler, ns, method, path, body string, auth bool) answer {
	tb.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, "/ns/"+ns+"/requisites"+path, rd)
	if auth {
		req.SetBasicAuth("gray", "p@ssw0rd")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	a := answer{status: rec.Code, raw: rec.Body.String()}
	if err := json.Unmarshal(rec.Body.Bytes(), &a.body); err != nil {
		tb.Fatalf("%s %s: not JSON (HTTP %d): %q", method, path, rec.Code, rec.Body.String())
	}
	return a
}

func freshNS() string { return fmt.Sprintf("t%d", nsSeq.Add(1)) }

const goodBody = `{"orderId":"009445151277","amount":"500000","comissionAmount":"20000","purpose":"Test 24/7","serviceId":"34","receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789","cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`

func TestBadInputs(t *testing.T) {
	srv := mustServer(t)
	tests := []struct {
		name, method, path, body string
		auth                     bool
		status, code             int
	}{
		{"no auth", "GET", "/api/v2/services", "", false, 401, 1004},
		{"not JSON", "POST", "/api/v2/payment", `{"orderId":`, true, 400, 1017},
		{"not an object", "POST", "/api/v2/payment", `[1,2]`, true, 400, 1017},
		{"empty body", "POST", "/api/v2/payment", ``, true, 400, 1017},
		{"too large", "POST", "/api/v2/payment", `{"purpose":"` + strings.Repeat("я", 1<<19) + `"}`, true, 400, 1017},
		{"wrong type", "POST", "/api/v2/payment", `{"orderId":{"a":1}}`, true, 200, 1017},
		{"null fields", "POST", "/api/v2/payment", `{"orderId":null,"amount":null}`, true, 200, 1017},
		{"unknown path", "GET", "/api/v2/nope", "", true, 404, 1008},
		{"wrong method", "PUT", "/api/v2/payment", goodBody, true, 405, 1009},
		{"statement missing fields", "POST", "/api/v2/account/payments", `{}`, true, 200, 1017},
		{"balance of a non-number", "GET", "/api/v2/account/abc/balance", "", true, 200, 1001},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ns := freshNS()
			a := do(t, srv, ns, tc.method, tc.path, tc.body, tc.auth)
			if a.status != tc.status || a.body["code"] != float64(tc.code) || a.body["status"] != "error" || a.body["data"] != nil {
				t.Errorf("HTTP %d %s, want HTTP %d code %d", a.status, a.raw, tc.status, tc.code)
			}
			if b := do(t, srv, ns, "GET", "/api/v2/account/34/balance", "", true); b.body["data"].(map[string]any)["balance"] != "10000000000" {
				t.Errorf("state changed: %s", b.raw)
			}
		})
	}
}

func TestStrictResponsesAreClean(t *testing.T) {
	srv := mustServer(t)
	ns := freshNS()
	do(t, srv, ns, "POST", "/api/v2/payment", goodBody, true)
	do(t, srv, ns, "POST", "/api/v2/payment", goodBody, true)
	do(t, srv, ns, "GET", "/api/v2/payment/009445151277", "", true)
	do(t, srv, ns, "GET", "/api/v2/services", "", true)
	do(t, srv, ns, "POST", "/api/v2/account/payments", `{"type":"0","lastId":0,"fromDate":"2000-01-01","toDate":"2100-01-01","serviceId":34}`, true)
	do(t, srv, ns, "GET", "/api/v2/account/payments", `{"type":"0","lastId":"0","fromDate":"2000-01-01","toDate":"2100-01-01","serviceId":"34"}`, true)
	req := httptest.NewRequest("GET", "/ns/"+ns+"/__admin/requests?provider=requisites", nil)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var j struct {
		Requests []struct {
			Violation string `json:"contract_violation"`
		} `json:"requests"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &j); err != nil || len(j.Requests) != 6 {
		t.Fatalf("journal: %v, %d entries: %s", err, len(j.Requests), rec.Body.String())
	}
	for _, r := range j.Requests {
		if r.Violation != "" {
			t.Errorf("violation: %s", r.Violation)
		}
	}
}

// FuzzPayment: whatever the body, the answer is the documented envelope,
// HTTP 200 or 400, and money only moves on success.
func FuzzPayment(f *testing.F) {
	f.Add(goodBody)
	f.Add(`{"orderId":1,"amount":1e3,"comissionAmount":-1}`)
	f.Add(`{"orderId":"a","amount":"99999999999999999999999"}`)
	f.Add(`{"serviceId":"34","amount":"5","comissionAmount":"0","orderId":"x\u0000"}`)
	srv := mustServer(f)
	f.Fuzz(func(t *testing.T, body string) {
		ns := freshNS()
		a := do(t, srv, ns, "POST", "/api/v2/payment", body, true)
		if a.status != 200 && a.status != 400 {
			t.Fatalf("HTTP %d: %s", a.status, a.raw)
		}
		bal := do(t, srv, ns, "GET", "/api/v2/account/34/balance", "", true).body["data"].(map[string]any)["balance"]
		if a.body["status"] == "error" {
			if a.body["data"] != nil || a.body["message"] == "" || bal != "10000000000" {
				t.Fatalf("error answer %s with balance %v", a.raw, bal)
			}
		} else if a.body["status"] != "success" {
			t.Fatalf("no envelope: %s", a.raw)
		}
	})
}

// Concurrent HTTP payments on one service, each orderId sent three times:
// every orderId is applied once and the balance falls by exactly that much.
func TestConcurrentPaymentsOverHTTP(t *testing.T) {
	srv := mustServer(t)
	ns := freshNS()
	const orders, copies = 40, 3
	var ok, dup atomic.Int64
	var wg sync.WaitGroup
	for i := range orders {
		for range copies {
			wg.Add(1)
			go func() {
				defer wg.Done()
				body := strings.Replace(goodBody, "009445151277", fmt.Sprintf("c-%d", i), 1)
				a := do(t, srv, ns, "POST", "/api/v2/payment", body, true)
				switch {
				case a.body["status"] == "success":
					ok.Add(1)
				case a.body["code"] == float64(1111):
					dup.Add(1)
				default:
					t.Errorf("unexpected answer %s", a.raw)
				}
			}()
		}
	}
	wg.Wait()
	if ok.Load() != orders || dup.Load() != orders*(copies-1) {
		t.Errorf("%d accepted, %d duplicates; want %d and %d", ok.Load(), dup.Load(), orders, orders*(copies-1))
	}
	bal := do(t, srv, ns, "GET", "/api/v2/account/34/balance", "", true).body["data"].(map[string]any)["balance"]
	if want := fmt.Sprint(10_000_000_000 - orders*520_000); bal != want {
		t.Errorf("balance %v, want %s", bal, want)
	}
}
