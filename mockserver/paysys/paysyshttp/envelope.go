package paysyshttp

import (
	"net/http"
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// okResponse is a success: `"error": null` always present, no `jsonrpc`
// member (PS-6).
type okResponse struct {
	ID     any `json:"id"`
	Error  any `json:"error"`
	Result any `json:"result"`
}

// errorResponse is the JSON-RPC error envelope (PS-2, §7): `"result": null`.
type errorResponse struct {
	ID     any      `json:"id"`
	Error  rpcError `json:"error"`
	Result any      `json:"result"`
}

// rpcError omits `data`, as the public doc's example does.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// succeed writes a method's result in the success envelope.
func (a *Adapter) succeed(x *wire.Exchange, c *call, result any) {
	x.Send(http.StatusOK, okResponse{ID: c.id, Error: nil, Result: result})
}

// fail renders err from the catalogue: HTTP 200 for every JSON-RPC error,
// 401 for -32504 (D-2). A non-catalogue error is logged and answered as
// -32400, never as Go text.
func (a *Adapter) fail(x *wire.Exchange, c *call, err error) {
	code, ok := core.CodeOf(err)
	if !ok || !a.cat.Has(code) {
		x.Call.Log.Error("paysys: unexpected error", "op", x.Call.Operation, "err", core.CleanForHumans(err.Error()))
		code = paysys.CodeInternal
	}
	status, body := a.envelope(c.id, code)
	if status == http.StatusUnauthorized && c.svc != nil && c.svc.OffersBasic() {
		// D-19: a challenge, so challenge-based clients send their Basic credentials.
		x.W.Header().Set("WWW-Authenticate", `Basic realm="paysys"`)
	}
	x.Call.ErrorCode = code
	x.Send(status, body)
}

// writeBare renders an error outside a matched route (no strict check);
// status 0 means the catalogue's.
func (a *Adapter) writeBare(x *wire.Exchange, status int, code string) {
	st, body := a.envelope(nil, code)
	if status == 0 {
		status = st
	}
	x.Call.ErrorCode = code
	httpx.Deliver(x.W, x.R, status, httpx.Marshal(body), nil)
}

func (a *Adapter) envelope(id any, code string) (int, errorResponse) {
	e, ok := a.cat.Lookup(code)
	if !ok {
		e, _ = a.cat.Lookup(paysys.CodeInternal)
	}
	n, _ := strconv.Atoi(e.Code)
	return e.Status, errorResponse{ID: id, Error: rpcError{Code: n, Message: e.Messages["ru"]}}
}
