package sandbox

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The same request, sent concurrently many times (a client retrying over a
// flaky network), applies exactly once: Anor ext/agent/pay by agentTranId,
// Anor unregistered-check by agentTranId. PaySys is the counter-case: its
// JSON-RPC id is no idempotency key (D-10), so every call is a payout.
func TestConcurrentRetriesApplyOnce(t *testing.T) {
	s := newServer(t, Options{})
	const n = 24
	send := func(provider, path, body string) []string {
		auth := authHeaders(t, s, provider, "retry")
		var wg sync.WaitGroup
		answers := make([]string, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := httptest.NewRequest("POST", "/ns/retry/"+provider+path, strings.NewReader(body))
				req.Header = auth.Clone()
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				answers[i] = rec.Body.String()
			}()
		}
		wg.Wait()
		return answers
	}
	state := func(p string) map[string]any {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/ns/retry/__admin/state/"+p, nil))
		var m map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	balance := func(masked string) float64 {
		for _, c := range state("cards")["cards"].([]any) {
			if c := c.(map[string]any); c["pan"] == masked {
				return c["balance"].(float64)
			}
		}
		t.Fatalf("no card %s", masked)
		return 0
	}

	t.Run("anorbank ext/agent/pay", func(t *testing.T) {
		before, deposit := balance("986000******0001"), state("anorbank")["deposit"].(float64)
		answers := send("anorbank", "/services/bmms/api/ext/agent/pay", `{"agentTranId":"retry-1",
			"from":{"type":"ACCOUNT","currency":860,"params":{"account":"20208000900100001001","mfo":"01183","name":"x"}},
			"to":{"type":"PAN","currency":860,"params":{"pan":"9860000000000001","exp":"0727"}},"amount":700}`)
		for _, a := range answers[1:] {
			if a != answers[0] {
				t.Fatalf("replays differ:\n%s\n%s", answers[0], a)
			}
		}
		if got := balance("986000******0001") - before; got != 700 {
			t.Errorf("card credited %v tiyin, want 700 once", got)
		}
		if got := deposit - state("anorbank")["deposit"].(float64); got != 700 {
			t.Errorf("deposit debited %v, want 700 once", got)
		}
	})

	t.Run("anorbank unregistered-check", func(t *testing.T) {
		bills := len(state("anorbank")["bills"].([]any))
		send("anorbank", "/services/bmms/api/agent/unregistered-check", `{"account":"1","recipientId":1001,"amount":"100",
			"currency":860,"agentTranId":"retry-2","params":{"pan":"8600000000000001","exp":"0727"}}`)
		if got := len(state("anorbank")["bills"].([]any)) - bills; got != 1 {
			t.Errorf("%d bills created, want 1", got)
		}
	})

	t.Run("paysys pam.pay_by_cash pays per call (D-10)", func(t *testing.T) {
		answers := send("paysys", "/gateway", `{"id":"retry-3","method":"pam.pay_by_cash",
			"params":{"vendor_form":{"account":"998900000002","currency":"UZS","amount":150,"vendor_id":101596}}}`)
		ids := map[string]bool{}
		for _, a := range answers {
			var r struct {
				Result struct {
					Details struct {
						TransactionID json.Number `json:"transaction_id"`
					} `json:"details"`
				} `json:"result"`
			}
			if err := json.Unmarshal([]byte(a), &r); err != nil || r.Result.Details.TransactionID == "" {
				t.Fatalf("answer %s", a)
			}
			ids[r.Result.Details.TransactionID.String()] = true
		}
		if len(ids) != n {
			t.Errorf("%d different payouts for %d calls with one request id, want one per call", len(ids), n)
		}
	})
}
