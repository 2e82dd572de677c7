package httpx

import (
	"context"
	"log/slog"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// callHandler adds the call's request id and provider to a record only when
// one is actually logged: slog's With would format them on every request,
// logged or not (PERFORMANCE.md: the hot path pays for nothing it does not use).
type callHandler struct {
	inner slog.Handler
	call  *Call
}

// UseLogger sets c.Log to a logger for c on top of base, kept in c itself:
// the handler and the logger were two allocations per request.
func (c *Call) UseLogger(base *slog.Logger) {
	c.logHandler = callHandler{inner: base.Handler(), call: c}
	c.logger = *slog.New(&c.logHandler)
	c.Log = &c.logger
}

func (h *callHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.inner.Enabled(ctx, l) }

func (h *callHandler) Handle(ctx context.Context, r slog.Record) error {
	// The request id is the client's X-Request-Id: cleaned like the journal's.
	r.AddAttrs(slog.String("request_id", core.CleanForHumans(h.call.RequestID)), slog.String("provider", h.call.Provider))
	return h.inner.Handle(ctx, r)
}

func (h *callHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &callHandler{inner: h.inner.WithAttrs(as), call: h.call}
}

func (h *callHandler) WithGroup(name string) slog.Handler {
	return &callHandler{inner: h.inner.WithGroup(name), call: h.call}
}
