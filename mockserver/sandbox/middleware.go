package sandbox

import (
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/core/journal"
	"github.com/paysandbox/paysandbox/scenarios"
)

var requestSeq atomic.Int64

// served is what the sandbox keeps for one provider request, in one
// allocation: the Call, the writers around the client's and the adapter's
// URL and the context carrying the Call were one allocation each, and
// the change mark a closure (issue 15).
type served struct {
	call httpx.Call
	ctx  httpx.CallContext
	dw   durableWriter
	rec  recorder
	url  url.URL
	ns   *core.Namespace
	p    *provider
}

// markChanged is the request's change mark (providerChange).
func (sv *served) markChanged() bool { return providerChanged(sv.ns, sv.p.name, &sv.call) }

// serveProvider runs one provider request: namespace, body read once,
// scenario latency, the adapter, panic recovery in the provider's envelope,
// and the journal entry.
func (s *Server) serveProvider(w http.ResponseWriter, r *http.Request, p *provider, nsName, subpath string) {
	start := time.Now()
	<-p.ready // built at start-up; only the first requests may wait
	if p.err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "unavailable", "message": p.name + " could not be mounted"})
		return
	}
	ns, slot, err := s.ns.enter(nsName)
	if err != nil {
		s.refuseNamespace(w, r, p, err)
		return
	}
	counted := s.admitRequest(nsName)
	sv := &served{ns: ns, p: p}
	sv.dw = durableWriter{ResponseWriter: w, s: s, changes: sv}
	sv.rec = recorder{ResponseWriter: &sv.dw}
	call, rec := &sv.call, &sv.rec
	*call = httpx.Call{
		NS:        ns,
		RequestID: requestID(r),
		Strict:    s.opts.Strict,
		Provider:  p.name,

		NoWhyHeader: s.opts.NoWhyHeader,
	}
	defer func() { s.ns.leave(nsName, slot, admitted(call, rec)) }()
	defer func() { sv.dw.settle(false); counted() }() // the state saver sees the change
	if call.RequestID == "" {
		var buf [24]byte
		call.RequestID = string(strconv.AppendInt(append(buf[:0], "ps-"...), requestSeq.Add(1), 10))
	}
	call.UseLogger(ns.Log)
	body, tooLarge, err := httpx.ReadBody(r)
	if err != nil {
		return // the client went away mid-body; nothing to answer
	}
	call.Body, call.BodyTooLarge = body, tooLarge
	sv.ctx = httpx.CallContext{Context: r.Context(), Call: call}
	inner := r.WithContext(&sv.ctx)
	sv.url = *r.URL
	sv.url.Path, sv.url.RawPath = subpath, ""
	inner.URL = &sv.url
	w.Header().Set("X-Request-Id", call.RequestID)
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				s.journal(ns, r, call, rec, start)
				panic(v)
			}
			call.Log.Error("panic serving request", "op", call.Operation, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
			if !rec.wrote {
				p.adapter.InternalError(rec, inner)
			}
		}
		s.journal(ns, r, call, rec, start)
	}()
	if d := latency(ns, p.name); d > 0 && !httpx.Sleep(inner, d) {
		return
	}
	p.adapter.ServeHTTP(rec, inner)
}

func latency(ns *core.Namespace, provider string) time.Duration {
	if ns.Latency == nil {
		return 0
	}
	return ns.Latency(provider)
}

// latencyOf is a scenario's settings.latency as a namespace applies it.
func latencyOf(l scenarios.LatencySettings) func(provider string) time.Duration {
	return func(provider string) time.Duration {
		d := l.For(provider)
		if j := l.Jitter.D(); j > 0 {
			d += time.Duration(rand.Int64N(int64(j)))
		}
		return d
	}
}

func (s *Server) journal(ns *core.Namespace, r *http.Request, call *httpx.Call, rec *recorder, start time.Time) {
	status := rec.status
	if !rec.wrote {
		status = 0 // no answer: the connection was dropped
	}
	ns.Journal.RecordShared(journal.Entry{
		Time:      start,
		RequestID: call.RequestID,
		Method:    r.Method,
		Path:      r.URL.RequestURI(),
		Status:    status,
		Duration:  time.Since(start),
		Provider:  call.Provider,
		Operation: call.Operation,
		ErrorCode: call.ErrorCode,
		Rule:      call.Rule,
		Violation: call.Violation,
		Why:       call.Why,
		Client:    call.Client,
	}, call.Body, rec.body())
	countAnswer(ns, call, status)
	if call.Log.Enabled(r.Context(), slog.LevelDebug) {
		call.Log.Debug("request", "method", cleanForHumans(r.Method), "op", call.Operation, "status", status,
			"error_code", call.ErrorCode, "why", cleanForHumans(call.Why), "duration", time.Since(start))
	}
}

// recorder remembers the status and the answer for the journal: the body
// Deliver wrote by reference (WriteShared: it is never changed again), or
// else a copy of the first journal.KeepBody bytes written, enough for
// journal.Record, the one place that cuts bodies (on a rune boundary,
// marker kept). The journal masks card numbers and secrets when it is
// read. Unwrap lets http.ResponseController reach the connection (faults).
type recorder struct {
	http.ResponseWriter
	status int
	wrote  bool
	shared []byte // the one body written, by reference; nil once head is used
	head   []byte
}

func (w *recorder) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recorder) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	w.copyHead(b)
	return w.ResponseWriter.Write(b)
}

// WriteShared is Write for a body nobody changes afterwards
// (httpx.SharedWriter): the first such body is kept by reference.
func (w *recorder) WriteShared(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.shared == nil && w.head == nil {
		w.shared = b
	} else {
		w.copyHead(b)
	}
	return w.ResponseWriter.Write(b)
}

// copyHead appends the start of b to what the journal keeps, after a
// shared body written before it, if any.
func (w *recorder) copyHead(b []byte) {
	if w.shared != nil {
		w.head = append(w.head, w.shared[:min(len(w.shared), journal.KeepBody)]...)
		w.shared = nil
	}
	if room := journal.KeepBody - len(w.head); room > 0 {
		w.head = append(w.head, b[:min(room, len(b))]...)
	}
}

// body is the answer as the journal keeps it.
func (w *recorder) body() []byte {
	if w.shared != nil {
		return w.shared
	}
	return w.head
}

func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// requestID is the client's X-Request-Id, echoed back and journaled: a
// longer one than journal.MaxWord is not a request id, and is not kept.
func requestID(r *http.Request) string {
	if id := r.Header.Get("X-Request-Id"); len(id) <= journal.MaxWord {
		return id
	}
	return ""
}
