package sandbox

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
)

// answerAdapter answers every request with one fixed body through
// httpx.Deliver, as an operation does, and allocates nothing itself: what
// a request through it allocates is the sandbox's shared path.
type answerAdapter struct{ body []byte }

func (a answerAdapter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	httpx.CallOf(r).Operation = "op"
	httpx.Deliver(w, r, http.StatusOK, a.body, nil)
}

func (a answerAdapter) InternalError(w http.ResponseWriter, r *http.Request) {}

// headerWriter is a ResponseWriter that keeps nothing but its headers,
// cleared for each request.
type headerWriter struct{ h http.Header }

func (w *headerWriter) Header() http.Header         { return w.h }
func (w *headerWriter) WriteHeader(int)             {}
func (w *headerWriter) Write(b []byte) (int, error) { return len(b), nil }

// The sandbox's own part of a provider request (namespace, body, Call,
// writers, journal entry, coverage, change mark) allocates a fixed, small
// number of times, whatever the adapter then does (issue 15: it was 17
// times, 6 now): the request's copy, the Call with its writers and
// context, the body, three response headers.
func TestSharedPathAllocations(t *testing.T) {
	s := newServer(t, Options{JournalSize: 4})
	p := s.byName["anorbank"]
	ready := make(chan struct{})
	close(ready)
	p.mounting = &mounting{ready: ready, adapter: answerAdapter{body: []byte(`{"result":"ok","id":1234567890}`)}}
	body := []byte(`{"account":"30","recipientId":1001,"amount":"100","agentTranId":"t-1"}`)
	var reader bytes.Reader
	r := httptest.NewRequest(http.MethodPost, "/anorbank/services/bmms/api/agent/unregistered-check", nil)
	r.Body, r.ContentLength = io.NopCloser(&reader), int64(len(body))
	r.Header.Set("X-Request-Id", "alloc-test")
	w := &headerWriter{h: http.Header{}}
	serve := func() {
		reader.Reset(body)
		clear(w.h)
		s.ServeHTTP(w, r)
	}
	for range 8 { // the namespace, its journal ring and counters are built
		serve()
	}
	const budget = 6
	allocs := testing.AllocsPerRun(200, serve)
	t.Logf("%.0f allocations", allocs)
	if allocs > budget {
		t.Errorf("a provider request allocated %.0f times in the sandbox's shared path, want at most %d", allocs, budget)
	}
	if got := s.ns.get("default").Journal.List("", 1)[0]; got.Request != string(body) || got.Response != `{"result":"ok","id":1234567890}` {
		t.Errorf("the journal kept %q and %q", got.Request, got.Response)
	}
}
