package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func serve(s *Server, method, path, body, bearer string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	if bearer != "" {
		r.Header.Set("Authorization", "Bearer "+bearer)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

// Issue 13.1: requests that fail authentication or reach no operation do
// not create namespaces; real use does.
func TestNamespacesAreCreatedOnlyByRealUse(t *testing.T) {
	s := newServer(t, Options{})
	for i := range 50 {
		serve(s, "POST", fmt.Sprintf("/ns/x-%d/anorbank/api/ext/user/login", i), badLogin, "")
		serve(s, "POST", fmt.Sprintf("/ns/y-%d/anorbank/services/bmms/api/agent/status", i), `{"billId":1}`, "")
		serve(s, "GET", fmt.Sprintf("/ns/z-%d/anorbank/no/such/operation", i), "", "")
		r := httptest.NewRequest("POST", fmt.Sprintf("/ns/w-%d/aloqa/cards/add", i), strings.NewReader(`{}`))
		s.ServeHTTP(httptest.NewRecorder(), r) // no Basic credentials
	}
	if got := s.ns.count(); got != 0 {
		t.Fatalf("%d namespaces after 200 refused requests, want 0", got)
	}
	if w := serve(s, "POST", "/ns/real/anorbank/api/ext/user/login", goodLogin, ""); w.Code != 200 {
		t.Fatalf("login: %d %s", w.Code, w.Body)
	}
	if got := s.ns.count(); got != 1 {
		t.Fatalf("%d namespaces after one real login, want 1", got)
	}
}

// Past -max-namespaces a new namespace is refused with 503 in the
// provider's envelope, naming the limit; existing ones keep working.
func TestNamespaceLimit(t *testing.T) {
	s := newServer(t, Options{MaxNamespaces: 2})
	for _, ns := range []string{"a", "b"} {
		if w := serve(s, "POST", "/ns/"+ns+"/anorbank/api/ext/user/login", goodLogin, ""); w.Code != 200 {
			t.Fatalf("%s: %d", ns, w.Code)
		}
	}
	w := serve(s, "POST", "/ns/c/anorbank/api/ext/user/login", goodLogin, "")
	if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), `"detail":"internal error"`) ||
		!strings.Contains(w.Header().Get("X-Paysandbox-Why"), "-max-namespaces") {
		t.Errorf("over the limit: %d %s why=%q", w.Code, w.Body, w.Header().Get("X-Paysandbox-Why"))
	}
	if w := serve(s, "POST", "/ns/c/__admin/reset", "", ""); w.Code != http.StatusServiceUnavailable {
		t.Errorf("control API over the limit: %d %s", w.Code, w.Body)
	}
	if w := serve(s, "POST", "/ns/a/anorbank/api/ext/user/login", goodLogin, ""); w.Code != 200 {
		t.Errorf("an existing namespace over the limit: %d", w.Code)
	}
	if w := serve(s, "POST", "/anorbank/api/ext/user/login", goodLogin, ""); w.Code != 200 {
		t.Errorf("the default namespace over the limit: %d", w.Code)
	}
}

// Refused and real requests racing into a new namespace: it survives, and
// every token issued in it stays valid (nothing real is dropped).
func TestNewNamespaceRace(t *testing.T) {
	s := newServer(t, Options{})
	var mu sync.Mutex
	var tokens []string
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				serve(s, "POST", "/ns/race/anorbank/api/ext/user/login", badLogin, "")
				return
			}
			w := serve(s, "POST", "/ns/race/anorbank/api/ext/user/login", goodLogin, "")
			var out struct {
				Result struct {
					AccessToken string `json:"access_token"`
				} `json:"result"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil || out.Result.AccessToken == "" {
				t.Errorf("login: %d %s", w.Code, w.Body)
				return
			}
			mu.Lock()
			tokens = append(tokens, out.Result.AccessToken)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(tokens) != 32 {
		t.Fatalf("%d logins succeeded, want 32", len(tokens))
	}
	for _, tok := range tokens {
		if w := serve(s, "POST", "/ns/race/anorbank/services/bmms/api/agent/status", `{"billId":1}`, tok); w.Code == http.StatusUnauthorized {
			t.Fatalf("a token issued in the new namespace was lost: %s", w.Body)
		}
	}
}
