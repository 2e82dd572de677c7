// Package clienttest holds what the clients' tests share: a scripted server
// that counts calls (stripe-go's retry tests), a transport whose first dials
// fail, and the check tying each client's Err* sentinels to its error
// catalogue. Only _test files import it; it imports only the standard
// library (the catalogue's codes are passed in by the test).
package clienttest

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
)

// Server is a scripted httptest server that counts calls per path.
type Server struct {
	URL   string
	mu    sync.Mutex
	calls map[string]int
}

// Handler answers the n-th call (from 1) to r.URL.Path.
type Handler func(w http.ResponseWriter, r *http.Request, n int)

// NewServer starts a scripted server closed when the test ends.
func NewServer(tb testing.TB, h Handler) *Server {
	tb.Helper()
	s := &Server{calls: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.calls[r.URL.Path]++
		n := s.calls[r.URL.Path]
		s.mu.Unlock()
		h(w, r, n)
	}))
	tb.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

// Calls returns how many calls reached path.
func (s *Server) Calls(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

// Total returns how many calls reached the server.
func (s *Server) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

// Drop closes the connection without an answer: the call may have been applied.
func Drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// Write answers with status and body.
func Write(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// FailingDials returns an HTTP client whose first n dials fail (nothing of
// the call leaves the client) and a counter of dials tried.
func FailingDials(n int32) (*http.Client, *atomic.Int32) {
	var dials atomic.Int32
	var d net.Dialer
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) <= n {
			return nil, errors.New("dial refused (scripted)")
		}
		return d.DialContext(ctx, network, addr)
	}}
	return &http.Client{Transport: tr}, &dials
}
