package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/scenarios"
)

// Issue 13.6: SIGKILL in the middle of a load on all four providers, then a
// restart on the same -state-file. In both -state-sync modes no id answered
// before the kill (bill, transaction, payout, doc) is issued again after
// it; in always mode no answered bill is lost.
func TestNoIDIsReissuedAfterSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	for _, mode := range []string{"interval", "always"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			scenario := filepath.Join(dir, "fixed-otp.yaml")
			yaml := strings.Replace(string(scenarios.DefaultYAML()), "otp: {length: 6,", `otp: {fixed_code: "666666", length: 6,`, 1)
			if err := os.WriteFile(scenario, []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			state := filepath.Join(dir, "state.json")
			addr, stop := start(t, bin, scenario, state, "-state-sync", mode)
			answered := &idSet{by: map[string]string{}}
			ctx, cancel := context.WithCancel(context.Background())
			var wg sync.WaitGroup
			for what, op := range idOps {
				for w := range 2 {
					wg.Go(func() {
						for i := 0; ctx.Err() == nil; i++ {
							if ids := op("http://"+addr, fmt.Sprintf("k%d-%d", w, i)); ids != nil {
								answered.add(t, what, ids)
							}
						}
					})
				}
			}
			time.Sleep(2500 * time.Millisecond) // saves (interval) and group commits (always) under load
			stop(syscall.SIGKILL)
			cancel()
			wg.Wait()
			bills := answered.kinds("anorbank")
			if len(bills) < 10 || len(answered.kinds("aloqa")) < 10 || len(answered.kinds("paysys")) < 10 || len(answered.kinds("requisites")) < 10 {
				t.Fatalf("too few operations answered before the kill (%d ids); the load did not run", len(answered.by))
			}

			addr, stop = start(t, bin, scenario, state, "-state-sync", mode)
			defer stop(syscall.SIGTERM)
			if mode == "always" {
				var view struct {
					Bills []struct {
						ID json.Number `json:"id"`
					} `json:"bills"`
				}
				getJSON(t, "http://"+addr+"/__admin/state/anorbank", &view)
				kept := map[string]bool{}
				for _, b := range view.Bills {
					kept[b.ID.String()] = true
				}
				lost := 0
				for _, id := range bills {
					if !kept[id] {
						lost++
					}
				}
				if lost > 0 {
					t.Errorf("%d of %d bills answered before the kill are gone after it", lost, len(bills))
				}
			}
			before := len(answered.by)
			for what, op := range idOps {
				for i := range 20 {
					ids := op("http://"+addr, fmt.Sprintf("after-%d", i))
					if ids == nil {
						t.Fatalf("%s failed after the restart", what)
					}
					answered.add(t, what+" after the restart", ids)
				}
			}
			t.Logf("%s: %d ids answered before the kill, %d after the restart, none twice", mode, before, len(answered.by)-before)
		})
	}
}

// idSet is every id answered, and by what.
type idSet struct {
	mu sync.Mutex
	by map[string]string
}

func (s *idSet) add(t *testing.T, what string, ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range ids {
		key := strings.Fields(what)[0] + " " + id
		if first, dup := s.by[key]; dup {
			t.Errorf("%s id %s was issued twice: first by %s, again by %s", strings.Fields(what)[0], id, first, what)
		}
		s.by[key] = what
	}
}

// kinds lists the ids of one provider.
func (s *idSet) kinds(provider string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for key := range s.by {
		if p, id, _ := strings.Cut(key, " "); p == provider {
			out = append(out, id)
		}
	}
	return out
}

// idOps: one id-issuing operation per provider; the ids answered, or nil.
var idOps = map[string]func(base, tag string) []string{
	"anorbank": func(base, tag string) []string {
		token := login(base + "/anorbank")
		out, ok := call(base+"/anorbank/services/bmms/api/agent/unregistered-check", token, map[string]any{
			"account": "30", "recipientId": 1001, "amount": 100, "currency": 860, "agentTranId": tag,
			"params": map[string]string{"pan": "8600000000000001", "exp": "0727"}})
		id, _ := out["id"].(float64) // a 9-digit bill id: exact as a float
		return answeredIDs(ok && id > 0, fmt.Sprintf("%.0f", id))
	},
	"aloqa": func(base, tag string) []string {
		out := basicCall(base+"/aloqa/cards/add", "sandbox", "sandbox", `{"pan":"8600000000000001","expiry":"0727","phone":"998901234567"}`)
		return answeredIDs(out != nil && out["error"] == nil, dig(out, "result", "transactionId"))
	},
	"paysys": func(base, tag string) []string {
		out := basicCall(base+"/paysys/gateway", "sandbox", "sandbox",
			`{"jsonrpc":"2.0","id":"`+tag+`","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":100,"vendor_id":101596}}}`)
		d := dig(out, "result", "details")
		return answeredIDs(out != nil && out["error"] == nil, dig(d, "transaction_id"), dig(d, "id"), dig(out, "result", "mx_id"))
	},
	"requisites": func(base, tag string) []string {
		out := basicCall(base+"/requisites/api/v2/payment", "gray", "p@ssw0rd",
			`{"orderId":"`+tag+`","amount":"100","comissionAmount":"0","purpose":"test","serviceId":"34","receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789","cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`)
		return answeredIDs(dig(out, "status") == "success", dig(out, "data", "doc_id"))
	},
}

func answeredIDs(ok bool, vals ...any) []string {
	if !ok {
		return nil
	}
	var out []string
	for _, v := range vals {
		if v == nil || v == "" {
			return nil
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// basicCall POSTs body with HTTP Basic; the decoded answer of a 200, else nil.
func basicCall(url, user, pass, body string) map[string]any {
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(user, pass)
	resp, err := client.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(resp.Body); err != nil || resp.StatusCode != 200 {
		return nil
	}
	dec := json.NewDecoder(&buf)
	dec.UseNumber()
	var out map[string]any
	if dec.Decode(&out) != nil {
		return nil
	}
	return out
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}
