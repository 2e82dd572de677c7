package aloqahttp

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// okEnvelope is every success (AQ-1; also cards/add-confirm, D-7).
type okEnvelope struct {
	Error  *errorObject `json:"error"`
	Result any          `json:"result"`
}

// errEnvelope is every failure: {"error": {code, message}, "result": null}.
type errEnvelope struct {
	Error  errorObject `json:"error"`
	Result *struct{}   `json:"result"`
}

type errorObject struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// writeError renders err from the catalogue: HTTP 200 for every envelope
// error, 401 for -32504 (AQ-1); the Russian text verbatim (AQ-9). A
// non-catalogue error is logged and answered as -32334 (system error).
func (a *Adapter) writeError(x *wire.Exchange, err error) {
	status, body, code := a.render(x, err)
	x.Call.ErrorCode = code
	if status == http.StatusUnauthorized {
		x.W.Header().Set("WWW-Authenticate", `Basic realm="aloqa"`) // D-19
	}
	x.Send(status, body)
}

// writeBare renders an error outside any contract operation (unknown path,
// panic): no strict check applies.
func (a *Adapter) writeBare(x *wire.Exchange, err error) {
	status, body, code := a.render(x, err)
	x.Call.ErrorCode = code
	httpx.Deliver(x.W, x.R, status, httpx.Marshal(body), nil)
}

func (a *Adapter) render(x *wire.Exchange, err error) (int, errEnvelope, string) {
	code, ok := core.CodeOf(err)
	if ok && !a.cat.Has(code) {
		ok = false
	}
	if !ok {
		x.Call.Log.Error("aloqa: unexpected error", "op", x.Call.Operation,
			"err", core.CleanForHumans(fmt.Sprint(err)))
		code = aloqa.CodeSystemError
	} else if c := errors.Unwrap(err); c != nil {
		// Validation details may quote the request: mask card numbers.
		x.Call.Log.Debug("aloqa: error detail", "op", x.Call.Operation, "code", code,
			"err", core.CleanForHumans(c.Error()))
	}
	e, _ := a.cat.Lookup(code)
	n, _ := strconv.Atoi(code)
	return e.Status, errEnvelope{Error: errorObject{Code: n, Message: e.Messages["ru"]}}, code
}
