package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/contracts"
)

// FuzzProviderRequests throws arbitrary bodies at every operation of every
// mounted provider (with good credentials): the answer is always JSON, never
// a 5xx, whatever the decoder meets (string-or-number amounts, MMYY/YYMM
// expiry, JSON-RPC frames: leniency is where panics hide).
func FuzzProviderRequests(f *testing.F) {
	// The default scenario without its delay rules (magic card 24 holds a
	// call for 30 s, which would only stall the fuzzer).
	sc, err := DefaultScenario()
	if err != nil {
		f.Fatal(err)
	}
	rules := sc.Rules[:0:0]
	for _, r := range sc.Rules {
		if r.Delay == 0 {
			rules = append(rules, r)
		}
	}
	sc.Rules = rules
	s, err := New(Options{Scenario: sc})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	type target struct{ provider, method, path string }
	var targets []target
	const ns = "fuzz"
	auth := map[string]map[string][]string{}
	for _, p := range s.providers {
		for _, op := range contracts.MustLoad(p.name).Operations() {
			path := strings.NewReplacer("{orderId}", "O-1", "{serviceId}", "34").Replace(op.Path)
			targets = append(targets, target{p.name, op.Method, path})
		}
		auth[p.name] = authHeaders(f, s, p.name, ns)
	}
	seeds := []string{
		`{"username":"sandbox","password":"sandbox"}`,
		`{"billId":"1","billid":1,"otp":"123456","params":{"otp":"1"}}`,
		`{"amount":"100","recipientId":1001,"agentTranId":"x","params":{"pan":"8600000000000001","exp":"0727"}}`,
		`{"amount":1e309}`, `{"amount":-1}`, `{"amount":"1.5"}`,
		`{"pan":"8600000000000001","expiry":"2707","phone":"+998901234567"}`,
		`{"id":1,"method":"pam.pay_by_cash","params":{"vendor_form":{"amount":1}}}`,
		`{"id":null,"method":"pam.check_payment","params":null}`,
		`{"orderId":" a b","amount":"１","receiverAccount":"2020"}`,
		`[]`, `null`, `"x"`, `{`, ``,
	}
	for i, sd := range seeds {
		f.Add(uint16(i), []byte(sd))
	}
	f.Fuzz(func(t *testing.T, which uint16, body []byte) {
		if len(targets) == 0 {
			return
		}
		tg := targets[int(which)%len(targets)]
		req := httptest.NewRequest(tg.method, "/ns/"+ns+"/"+tg.provider+tg.path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range auth[tg.provider] {
			req.Header[k] = v
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s: HTTP %d %s", tg.method, tg.path, rec.Code, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %s: not JSON: %q", tg.method, tg.path, rec.Body)
		}
	})
}
