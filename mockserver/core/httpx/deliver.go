package httpx

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

// encoders are reused: an encoder and its grown buffer per answer would be
// garbage on every request.
var encoders = sync.Pool{New: func() any {
	e := &encoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	return e
}}

// Marshal encodes v as JSON without HTML escaping (texts go out verbatim).
func Marshal(v any) []byte {
	e := encoders.Get().(*encoder)
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		// Only our own response types are encoded here; a failure is a bug.
		panic("httpx: cannot encode response: " + err.Error())
	}
	out := bytes.Clone(e.buf.Bytes())
	if e.buf.Cap() <= 64<<10 {
		encoders.Put(e)
	}
	return out
}

// ResponseCheck validates a response before it is sent (-strict).
type ResponseCheck func(status int, header http.Header, body []byte) error

// Deliver sends a JSON answer. When check is set (strict mode) the answer is
// validated first and a violation is logged loudly and journaled; the answer
// still goes out, so the client sees what the fake really produced. When an
// apply_then_* fault is pending the answer is dropped instead. body must
// not change afterwards: the journal may keep it (SharedWriter).
func Deliver(w http.ResponseWriter, r *http.Request, status int, body []byte, check ResponseCheck) {
	call := CallOf(r)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	setWhy(h, call)
	if check != nil {
		if err := check(status, h, body); err != nil {
			call.Violation = err.Error()
			call.Log.Error("CONTRACT VIOLATION: response does not match the contract",
				"provider", call.Provider, "op", call.Operation, "status", status, "err", core.CleanForHumans(err.Error()))
		}
	}
	if a := call.after; a != nil {
		if a.Fault == rules.FaultApplyThenTimeo {
			hold(r, a.Delay)
		}
		Drop(w)
		return
	}
	w.WriteHeader(status)
	if sw, ok := w.(SharedWriter); ok {
		_, _ = sw.WriteShared(body)
		return
	}
	_, _ = w.Write(body)
}

// SharedWriter is a ResponseWriter that may keep a reference to what
// WriteShared writes instead of copying it (the sandbox's journal
// recorder): the caller promises never to change those bytes again, as
// Deliver's body, fresh from Marshal, never is. Write must not be assumed
// to allow that (io.Writer: implementations must not retain p).
type SharedWriter interface {
	WriteShared(b []byte) (int, error)
}

// Drop resets the client's connection (TCP RST where possible). It never
// returns normally when the connection can be taken over.
func Drop(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // net/http closes the connection without an answer
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// hold keeps the request open for d (default 5 minutes) or until the client leaves.
func hold(r *http.Request, d time.Duration) {
	if d <= 0 {
		d = 5 * time.Minute
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// WhyHeader carries Call.Why to the client (Prism's violation header does
// the same): the provider's envelope stays byte-for-byte the provider's.
const WhyHeader = "X-Paysandbox-Why"

// maxWhy bounds the header (a validator can quote a long value).
const maxWhy = 512

func setWhy(h http.Header, call *Call) {
	if call.Why == "" || call.NoWhyHeader {
		return
	}
	h.Set(WhyHeader, headerSafe(call.Why))
}

// headerSafe masks card numbers and redacts secrets (the why may quote the
// request), keeps one line and cuts on a rune boundary.
func headerSafe(s string) string {
	s = core.CleanForHumans(s)
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	if len(s) > maxWhy {
		cut := maxWhy
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
