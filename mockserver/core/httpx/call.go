package httpx

import (
	"context"
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

	Body         []byte // the request body, read once
	BodyTooLarge bool

	Provider  string
	Operation string
	ErrorCode string
	Rule      string
	Via       string // coverage.ViaRule or ViaFault when a rule or fault decided the answer
	Violation string // -strict: how the response broke the contract

	// after is an apply_then_* fault: the operation applies, then the answer is lost.
	after *rules.Action
}

type callKey struct{}

// WithCall attaches c to ctx.
func WithCall(ctx context.Context, c *Call) context.Context {
	return context.WithValue(ctx, callKey{}, c)
}

// CallOf returns the request's Call; a request that did not come through the
// sandbox middleware (a unit test) gets a fresh one.
func CallOf(r *http.Request) *Call {
	if c, ok := r.Context().Value(callKey{}).(*Call); ok {
		return c
	}
	return &Call{Log: slog.New(slog.DiscardHandler)}
}
