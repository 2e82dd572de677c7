package requisiteshttp

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// errorEnvelope is the documented error answer; data is always null.
type errorEnvelope struct {
	Status  string `json:"status"`
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data"`
}

// okEnvelope carries `code: 0` (services, payment, status).
type okEnvelope struct {
	Status string `json:"status"`
	Code   int    `json:"code"`
	Data   any    `json:"data"`
}

// okNoCode has no `code`: balance and statement examples omit it (RQ-9).
type okNoCode struct {
	Status string `json:"status"`
	Data   any    `json:"data"`
}

func ok(data any) okEnvelope   { return okEnvelope{Status: "success", Data: data} }
func okBare(data any) okNoCode { return okNoCode{Status: "success", Data: data} }

// envelope renders a catalogue code; its HTTP status is the catalogue's
// (200, or 401 for 1004: RQ-6). A non-catalogue error is logged and
// answered as 1111 Системная ошибка.
func (a *Adapter) envelope(x *wire.Exchange, err error) (int, errorEnvelope) {
	code, known := core.CodeOf(err)
	e, inCat := a.cat.Lookup(code)
	if !known || !inCat {
		x.Call.Log.Error("requisites: unexpected error", "op", x.Call.Operation, "err", core.CleanForHumans(err.Error()))
		code = requisites.CodeSystem
		e, _ = a.cat.Lookup(code)
	}
	x.Call.ErrorCode = code
	n, _ := strconv.Atoi(code)
	status := e.Status
	if errors.Is(err, wire.ErrUnreadable) {
		status = http.StatusBadRequest // RQ-6: unreadable JSON is HTTP 400
	}
	return status, errorEnvelope{Status: "error", Code: n, Message: e.Messages["ru"], Data: nil}
}

// writeError answers err in the documented envelope, checked against the
// operation in strict mode.
func (a *Adapter) writeError(x *wire.Exchange, err error) {
	status, body := a.envelope(x, err)
	challenge(x, status)
	x.Send(status, body)
}

// challenge: every Basic 401 names the scheme (D-19, RFC 9110), so
// challenge-based clients send their credentials.
func challenge(x *wire.Exchange, status int) {
	if status == http.StatusUnauthorized {
		x.W.Header().Set("WWW-Authenticate", `Basic realm="requisites"`)
	}
}

// writeBare answers outside any operation (unknown path, wrong method, panic).
func (a *Adapter) writeBare(x *wire.Exchange, status int, err error) {
	_, body := a.envelope(x, err)
	httpx.Deliver(x.W, x.R, status, httpx.Marshal(body), nil)
}
