package anorbankhttp

import (
	"net/http"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// errorObject is the documented error object (catalogue §5).
type errorObject struct {
	Status int    `json:"status"`
	Detail string `json:"detail"`
	Title  string `json:"title"`
	Langs  langs  `json:"langs"`
}

type langs struct {
	UZ string `json:"uz"`
	EN string `json:"en"`
	RU string `json:"ru"`
}

// bmmsError is how a bmms endpoint answers a business error: HTTP 200 with
// the object under `result` (AN-1, the one documented error response).
type bmmsError struct {
	ID     int64       `json:"id"`
	Result errorObject `json:"result"`
}

// writeError renders err. Auth failures (401) and request-level rejections
// are bare with HTTP = the object's status (D-1); other errors on bmms paths
// are nested in HTTP 200 (AN-1). A non-catalogue error is logged and
// answered as `internal error`.
func (a *Adapter) writeError(x *wire.Exchange, req *request, err error) {
	code, ok := core.CodeOf(err)
	if !ok {
		x.Call.Log.Error("anorbank: unexpected error", "op", x.Call.Operation, "err", core.CleanForHumans(err.Error()))
		code = anorbank.CodeInternalError
	}
	obj := a.object(code)
	x.Call.ErrorCode = code
	if isBmms(x.R) && obj.Status != http.StatusUnauthorized && !requestLevel(code) {
		x.Send(http.StatusOK, bmmsError{ID: errorID(req), Result: obj})
		return
	}
	x.Send(obj.Status, obj)
}

// writeBare renders a bare error object (no route matched, so no strict check).
func (a *Adapter) writeBare(x *wire.Exchange, err *core.Error) {
	obj := a.object(err.Code)
	x.Call.ErrorCode = err.Code
	httpx.Deliver(x.W, x.R, obj.Status, httpx.Marshal(obj), nil)
}

func (a *Adapter) object(code string) errorObject {
	e, ok := a.cat.Lookup(code)
	if !ok {
		e, _ = a.cat.Lookup(anorbank.CodeInternalError)
	}
	return errorObject{
		Status: e.Status, Detail: e.Code, Title: e.Title,
		Langs: langs{UZ: e.Messages["uz"], EN: e.Messages["en"], RU: e.Messages["ru"]},
	}
}

// requestLevel codes reject the HTTP request itself, before any endpoint
// logic: they are bare everywhere.
func requestLevel(code string) bool {
	return code == anorbank.CodeParseError || code == anorbank.CodeInvalidRequest || code == anorbank.CodeNotFound
}

func isBmms(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/services/bmms/") }

// errorID is the `id` of a nested bmms error: AN-18: the request's billId
// when positive, otherwise a fresh numeric id.
func errorID(req *request) int64 {
	if req == nil {
		return 0
	}
	if id, ok := req.body.Int(billIDKey(req.body)); ok && id > 0 {
		return id
	}
	return req.svc.FreshID()
}
