package httpx

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// MaxBody is the largest request body read; larger ones are answered with
// the provider's invalid-request error.
const MaxBody = 1 << 20

// Call is what the sandbox knows about one request while it is served. The
// sandbox middleware creates it; the adapter fills in what it learns; the
// middleware journals it at the end.
type Call struct {
	NS        *core.Namespace
	RequestID string
	Log       *slog.Logger
	Strict    bool

	Body         []byte // the request body, read once; never changed (the journal keeps a reference)
	BodyTooLarge bool

	Provider  string
	Operation string
	ErrorCode string
	Rule      string
	Via       string // coverage.ViaRule or ViaFault when a rule or fault decided the answer
	Violation string // -strict: how the response broke the contract
	// Why tells the user why the request was rejected or scripted (the
	// validator's finding, the rule that fired); journaled, logged at debug
	// and sent as X-Paysandbox-Why unless NoWhyHeader.
	Why         string
	NoWhyHeader bool
	// Client is the calling application as the request names it, for the
	// journal (AloqaGateway's app-name header, AQ-11); set by the adapter.
	Client string

	// after is an apply_then_* fault: the operation applies, then the answer is lost.
	after *rules.Action
	// thenError is the documented code an apply_then_error fault answers
	// once the operation has applied.
	thenError string

	// Log's handler and logger when UseLogger made it.
	logHandler callHandler
	logger     slog.Logger
}

// ThenError is the documented code an apply_then_error fault armed for this
// call answers after the operation succeeded ("" when none): the adapter's
// error envelope is written instead of its success.
func (c *Call) ThenError() string { return c.thenError }

type callKey struct{}

// WithCall attaches c to ctx.
func WithCall(ctx context.Context, c *Call) context.Context {
	return &CallContext{Context: ctx, Call: c}
}

// CallContext is the context WithCall makes: a Call over its parent. A
// caller may allocate it with its other per-request state (the sandbox's
// served does, one allocation less per request); set both fields before use.
type CallContext struct {
	context.Context
	Call *Call
}

// Value is the Call for CallOf, the parent's values for every other key
// (a context derived from it finds the parent's cancellation through
// them, so it spawns no goroutine).
func (c *CallContext) Value(key any) any {
	if key == (callKey{}) {
		return c.Call
	}
	return c.Context.Value(key)
}

// CallOf returns the request's Call; a request that did not come through the
// sandbox middleware (a unit test) gets a fresh one.
func CallOf(r *http.Request) *Call {
	if c, ok := r.Context().Value(callKey{}).(*Call); ok {
		return c
	}
	return &Call{Log: slog.New(slog.DiscardHandler)}
}

// Explain records why err was answered, unless a reason is already known
// (a rule that fired explains itself first): the cause a documented error
// carries (a validator's finding, a domain check), or a foreign error's text.
func (c *Call) Explain(err error) {
	if c.Why != "" || err == nil {
		return
	}
	var e *core.Error
	if errors.As(err, &e) {
		if e.Cause != nil {
			c.Why = e.Cause.Error()
		}
		return
	}
	c.Why = err.Error()
}
