package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Issue 13.8: without a token, the control API refuses what a web page can
// make a browser send, and serves what curl, the clients and the dashboard send.
func TestControlAPIRefusesCrossSiteWrites(t *testing.T) {
	srv := newServer(t, Options{GuardControlAPI: true})
	tests := []struct {
		name, method, path, host, origin, ctype, body string
		want                                          int
	}{
		{"client clock move", "POST", "/__admin/clock", "127.0.0.1:8080", "", "application/json", `{"advance":"1s"}`, 200},
		{"bodyless reset", "POST", "/ns/x/__admin/reset", "localhost:8080", "", "", "", 200},
		{"dashboard, same origin", "POST", "/__admin/clock", "127.0.0.1:8080", "http://127.0.0.1:8080", "application/json", `{"advance":"1s"}`, 200},
		{"read from a page of another site", "GET", "/__admin/health", "[::1]:8080", "https://evil.example", "", "", 200},
		{"form post from a page", "POST", "/__admin/clock", "127.0.0.1:8080", "", "text/plain", `{"advance":"87600h"}`, 415},
		{"urlencoded (curl -d)", "POST", "/__admin/faults", "127.0.0.1:8080", "", "application/x-www-form-urlencoded", `{}`, 415},
		{"foreign origin, JSON", "POST", "/__admin/reset", "127.0.0.1:8080", "https://evil.example", "application/json", "", 403},
		{"foreign origin, delete", "DELETE", "/__admin/faults", "127.0.0.1:8080", "null", "", "", 403},
		{"DNS rebinding read", "GET", "/__admin/requests", "evil.example:8080", "", "", "", 403},
		{"DNS rebinding write", "POST", "/__admin/reset", "rebind.evil.example", "", "application/json", "", 403},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			r.Host = tc.host
			if tc.origin != "" {
				r.Header.Set("Origin", tc.origin)
			}
			if tc.ctype != "" {
				r.Header.Set("Content-Type", tc.ctype)
			}
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			if w.Code != tc.want {
				t.Errorf("%s %s from %q: %d %s, want %d", tc.method, tc.path, tc.origin, w.Code, w.Body, tc.want)
			}
		})
	}
}

// With a token the token is the guard: a foreign Host is served.
func TestControlAPIWithTokenSkipsTheLoopbackGuard(t *testing.T) {
	srv := newServer(t, Options{AdminToken: "t0k", GuardControlAPI: true})
	r := httptest.NewRequest("POST", "/__admin/reset", nil)
	r.Host = "paysandbox.ci.internal:8080"
	r.Header.Set("Authorization", "Bearer t0k")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Errorf("%d %s", w.Code, w.Body)
	}
}
