package sandbox

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
)

// Issue 14: a rejection says why, in a header and in the journal, while the
// provider's envelope stays as the provider sends it.
func TestRejectionsSayWhy(t *testing.T) {
	tests := []struct {
		name, path, body, user, pass, arm string
		wantWhy                           string
	}{
		{"anorbank ill-typed field", "/anorbank/api/ext/user/login", `{"username":1,"password":"x"}`, "", "", "", "username"},
		{"aloqa ill-typed field", "/aloqa/cards/add", `{"pan":8600000000000001,"expiry":"0727","phone":"998901234567"}`, "sandbox", "sandbox", "", "pan"},
		{"requisites not JSON", "/requisites/api/v2/payment", `{"orderId":`, "gray", "p@ssw0rd", "", "JSON"},
		{"requisites body too large", "/requisites/api/v2/payment", `{"purpose":"` + strings.Repeat("x", httpx.MaxBody) + `"}`, "gray", "p@ssw0rd", "", "over 1048576 bytes"},
		{"paysys unknown field type", "/paysys/gateway", `{"id":1,"method":"pam.check_payment","params":{"agr_transaction_id":"x"}}`, "sandbox", "sandbox", "", "agr_transaction_id"},
		{"armed fault", "/anorbank/api/ext/user/login", goodLogin, "", "",
			`{"provider":"anorbank","operation":"login","error":"internal error","match":{"body.username":"sandbox"},"times":1}`,
			`fault armed through POST /__admin/faults matched body.username eq sandbox: answers "internal error"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, Options{})
			if tc.arm != "" {
				if code, out := do(t, s, "POST", "/__admin/faults", tc.arm); code != 200 {
					t.Fatalf("arm: %d %v", code, out)
				}
			}
			r := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
			if tc.user != "" {
				r.SetBasicAuth(tc.user, tc.pass)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if got := w.Header().Get("X-Paysandbox-Why"); !strings.Contains(got, tc.wantWhy) {
				t.Errorf("X-Paysandbox-Why = %q, want it to mention %q (answer %d %s)", got, tc.wantWhy, w.Code, w.Body)
			}
			entries := s.ns.get("default").Journal.List("", 1)
			if len(entries) != 1 || !strings.Contains(entries[0].Why, tc.wantWhy) {
				t.Errorf("journal why = %+v, want it to mention %q", entries, tc.wantWhy)
			}
		})
	}
}

func TestWhyHeaderCanBeTurnedOff(t *testing.T) {
	s := newServer(t, Options{NoWhyHeader: true})
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest("POST", "/anorbank/api/ext/user/login", strings.NewReader(`{"username":1}`)))
	if got := w.Header().Get("X-Paysandbox-Why"); got != "" {
		t.Errorf("X-Paysandbox-Why = %q with NoWhyHeader", got)
	}
	if e := s.ns.get("default").Journal.List("", 1); len(e) != 1 || e[0].Why == "" {
		t.Errorf("the journal lost the why: %+v", e)
	}
}

// The header never carries a card number or a secret the request quoted.
func TestWhyHeaderIsMasked(t *testing.T) {
	s := newServer(t, Options{})
	w := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/aloqa/cards/add", strings.NewReader(`{"pan":"8600 0000 0000 0001","expiry":7,"phone":"998901234567"}`))
	r.SetBasicAuth("sandbox", "sandbox")
	s.ServeHTTP(w, r)
	if got := w.Header().Get("X-Paysandbox-Why"); strings.Contains(got, "0000 0000") || strings.Contains(got, "8600000000000001") {
		t.Errorf("X-Paysandbox-Why = %q leaks the card number", got)
	}
}
