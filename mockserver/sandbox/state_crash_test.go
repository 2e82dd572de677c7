package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// crashCopy copies the state file and its log as they are on disk now,
// the server still running: what a restart after SIGKILL finds.
func crashCopy(t *testing.T, path string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "state.json")
	for _, suffix := range []string{"", ".log"} {
		data, err := os.ReadFile(path + suffix)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// issuer makes one provider operation that issues ids and returns them.
type issuer func(t *testing.T, s *Server, ns string, i int) []string

func request(t *testing.T, s *Server, method, path, body, user, pass, bearer string) map[string]any {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if user != "" {
		r.SetBasicAuth(user, pass)
	}
	if bearer != "" {
		r.Header.Set("Authorization", "Bearer "+bearer)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	data, _ := io.ReadAll(w.Result().Body)
	var out map[string]any
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber() // ids as sent, not as floats
	if w.Code != 200 || dec.Decode(&out) != nil {
		t.Fatalf("%s %s: %d %s", method, path, w.Code, data)
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

func idsOf(t *testing.T, what string, vals ...any) []string {
	t.Helper()
	var out []string
	for _, v := range vals {
		if v == nil || v == "" {
			t.Fatalf("%s: no id in the answer", what)
		}
		out = append(out, fmt.Sprint(v))
	}
	return out
}

// issuers: one id-issuing operation per provider.
var issuers = map[string]issuer{
	"anorbank bill": func(t *testing.T, s *Server, ns string, i int) []string {
		token := dig(request(t, s, "POST", "/ns/"+ns+anorLogin, goodLogin, "", "", ""), "result", "access_token").(string)
		out := request(t, s, "POST", "/ns/"+ns+"/anorbank/services/bmms/api/agent/unregistered-check",
			fmt.Sprintf(`{"account":"30","recipientId":1001,"amount":100,"currency":860,"agentTranId":"c-%d","params":{"pan":"8600000000000001","exp":"0727"}}`, i), "", "", token)
		return idsOf(t, "anorbank", out["id"])
	},
	"aloqa transaction": func(t *testing.T, s *Server, ns string, i int) []string {
		out := request(t, s, "POST", "/ns/"+ns+"/aloqa/cards/add", `{"pan":"8600000000000001","expiry":"0727","phone":"998901234567"}`, "sandbox", "sandbox", "")
		return idsOf(t, "aloqa", dig(out, "result", "transactionId"))
	},
	"paysys payout": func(t *testing.T, s *Server, ns string, i int) []string {
		out := request(t, s, "POST", "/ns/"+ns+"/paysys/gateway",
			fmt.Sprintf(`{"jsonrpc":"2.0","id":"c-%d","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":100,"vendor_id":101596}}}`, i), "sandbox", "sandbox", "")
		d := dig(out, "result", "details")
		return idsOf(t, "paysys", dig(d, "transaction_id"), dig(d, "id"), dig(out, "result", "mx_id"))
	},
	"requisites doc": func(t *testing.T, s *Server, ns string, i int) []string {
		out := request(t, s, "POST", "/ns/"+ns+"/requisites/api/v2/payment",
			fmt.Sprintf(`{"orderId":"c-%d","amount":"100","comissionAmount":"0","purpose":"test","serviceId":"34","receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789","cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`, i), "gray", "p@ssw0rd", "")
		return idsOf(t, "requisites", dig(out, "data", "doc_id"))
	},
}

// Issue 13.6: after a crash, in both modes, no id answered before it is
// issued again, in any provider; in always mode no answered operation is
// lost. The crash is a copy of the files while the server runs on.
func TestNoIDIsIssuedTwiceAfterACrash(t *testing.T) {
	for _, mode := range []string{SyncInterval, SyncAlways} {
		t.Run(mode, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			s := newServer(t, Options{StateFile: path, StateSync: mode, StateInterval: time.Hour})
			answered := map[string]string{}
			issue := func(s *Server, from, to int) {
				for what, f := range issuers {
					for i := from; i < to; i++ {
						for _, id := range f(t, s, "crash", i) {
							if by, dup := answered[id]; dup {
								t.Errorf("%s %s was already answered (%s)", what, id, by)
							}
							answered[id] = fmt.Sprintf("%s #%d", what, i)
						}
					}
				}
			}
			issue(s, 0, 3)
			saveState(t, s, path) // the last snapshot before the crash
			issue(s, 3, 8)        // answered after it
			bills := anorBills(t, s)
			crashed := crashCopy(t, path)

			after := newServer(t, Options{StateFile: crashed, StateSync: mode, StateInterval: time.Hour})
			if mode == SyncAlways {
				got := anorBills(t, after)
				for id := range bills {
					if !got[id] {
						t.Errorf("bill %s was answered before the crash and is gone after it", id)
					}
				}
			}
			issue(after, 8, 13)
			// A second crash, before the restarted sandbox saved anything:
			// its ids are not issued again either.
			twice := newServer(t, Options{StateFile: crashCopy(t, crashed), StateSync: mode, StateInterval: time.Hour})
			issue(twice, 13, 18)
		})
	}
}

// anorBills lists the bill ids of namespace "crash".
func anorBills(t *testing.T, s *Server) map[string]bool {
	t.Helper()
	_, view := do(t, s, "GET", "/ns/crash/__admin/state/anorbank", "")
	out := map[string]bool{}
	for _, b := range view["bills"].([]any) {
		out[fmt.Sprint(b.(map[string]any)["id"])] = true
	}
	return out
}

// A clean restart (Close, then start on the same file) skips no id: a
// sandbox that never crashed issues the ids it always did.
func TestCleanRestartContinuesTheIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s, err := New(Options{StateFile: path, StateInterval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	first := issuers["aloqa transaction"](t, s, "clean", 0)[0]
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	again := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	next := issuers["aloqa transaction"](t, again, "clean", 1)[0]
	var a, b int64
	fmt.Sscan(first, &a)
	fmt.Sscan(next, &b)
	if b != a+1 {
		t.Errorf("after a clean restart the next transaction id is %d, want %d", b, a+1)
	}
}

// A request that arrives after Close (an embedder's straggler) is answered:
// nothing waits for a commit that will never come.
func TestRequestAfterCloseDoesNotHang(t *testing.T) {
	for _, mode := range []string{SyncInterval, SyncAlways} {
		t.Run(mode, func(t *testing.T) {
			s, err := New(Options{StateFile: filepath.Join(t.TempDir(), "state.json"), StateSync: mode})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			done := make(chan struct{})
			req := reaching["aloqa"]
			r := httptest.NewRequest(req.method, "/ns/late"+req.path, strings.NewReader(req.body))
			r.SetBasicAuth(req.user, req.pass)
			go func() {
				defer close(done)
				s.ServeHTTP(httptest.NewRecorder(), r)
			}()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("a request after Close hangs")
			}
		})
	}
}

// Two crashes in a row, the first after more requests than one durable
// reservation covers (reserveBlock): the ids the restarted sandbox issued
// before the second crash are not issued again after it.
func TestNoIDIsIssuedTwiceAfterTwoCrashes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	aloqa := issuers["aloqa transaction"]
	aloqa(t, s, "deep", 0)
	saveState(t, s, path)
	for i := range reserveBlock + 100 { // several reservations past the snapshot
		aloqa(t, s, "deep", i)
	}
	first := newServer(t, Options{StateFile: crashCopy(t, path), StateInterval: time.Hour})
	answered := map[string]bool{}
	for i := range 5 {
		answered[aloqa(t, first, "deep", i)[0]] = true
	}
	second := newServer(t, Options{StateFile: crashCopy(t, first.opts.StateFile), StateInterval: time.Hour})
	for i := range 5 {
		if id := aloqa(t, second, "deep", i)[0]; answered[id] {
			t.Errorf("transaction %s, answered after the first crash, was issued again after the second", id)
		}
	}
}
