package requisiteshttp

import (
	"errors"
	"net/http"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Adapter serves the requisites API below its mount prefix.
type Adapter struct {
	kit       *wire.Kit
	cat       *contracts.Catalogue
	statement wire.Handler // also served for GET with a body (RQ-7)
	http.Handler
}

// handler is one operation: it returns the success envelope or an error.
type handler func(x *wire.Exchange, req *request) (any, error)

// request is what serve hands a handler.
type request struct {
	svc  *requisites.Service
	user requisites.User
	body map[string]any // nil for GET operations
}

// New builds the adapter: routes and validators from contracts/requisites.yaml, once.
func New() (*Adapter, error) {
	kit, err := wire.New(requisites.Provider)
	if err != nil {
		return nil, err
	}
	a := &Adapter{kit: kit, cat: kit.Contract.Catalogue}
	routes := map[string]handler{
		"services":                    a.handleServices,
		"payment":                     a.handlePayment,
		"paymentBudget":               a.handlePaymentBudget,
		"payment/{orderId}":           a.handleStatus,
		"account/{serviceId}/balance": a.handleBalance,
		"account/payments":            a.handleStatement,
	}
	for op, h := range routes {
		if err := kit.Handle(op, a.serve(h)); err != nil {
			return nil, err
		}
	}
	a.statement = a.serve(a.handleStatement)
	h, err := kit.Finish(a.notFound, a.wrongMethod)
	if err != nil {
		return nil, err
	}
	a.Handler = h
	return a, nil
}

// serve authenticates (HTTP Basic, 401 + 1004), checks the user's methods
// (1009), decodes a body, then runs the handler.
func (a *Adapter) serve(h handler) wire.Handler {
	return func(x *wire.Exchange) {
		svc, found := wire.Domain[*requisites.Service](x, requisites.Provider)
		if !found {
			a.writeError(x, core.Fail(requisites.CodeSystem))
			return
		}
		user, pass, _ := x.R.BasicAuth()
		u, err := svc.Authenticate(user, pass)
		if err == nil && !u.Allowed(x.Op.ID) {
			err = core.Failf(requisites.CodeNoAccess, "user %q may not call %s", u.Username, x.Op.ID)
		}
		req := &request{svc: svc, user: u}
		if err == nil && x.Op.Method != http.MethodGet {
			req.body, err = decode(x)
		}
		if err == nil {
			var body any
			if body, err = h(x, req); err == nil {
				x.Send(http.StatusOK, body)
				return
			}
		}
		if !errors.Is(err, wire.ErrAnswered) {
			a.writeError(x, err)
		}
	}
}

// intercept runs armed faults and rules with the call's facts: stop means a
// fault already answered; a rule error is the documented code.
func intercept(x *wire.Exchange, req *request, named rules.FactMap) (rules.Action, error) {
	named["username"] = req.user.Username
	return x.Intercept(named)
}

// notFound: an unknown path is 1008 "Не удалось получить данные", HTTP 404.
func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	x := &wire.Exchange{W: w, R: r, Call: httpx.CallOf(r)}
	a.writeBare(x, http.StatusNotFound, core.Fail(requisites.CodeNoData))
}

// wrongMethod: 1009 "Нет доступа для метода", HTTP 405. RQ-7: the statement
// is also served for GET with the same JSON body.
func (a *Adapter) wrongMethod(w http.ResponseWriter, r *http.Request) {
	call := httpx.CallOf(r)
	if r.Method == http.MethodGet && r.URL.Path == "/api/v2/account/payments" {
		op, _ := a.kit.Contract.Operation("account/payments")
		call.Operation = op.ID
		a.statement(&wire.Exchange{W: w, R: r, Call: call, Op: op, Vars: map[string]string{}})
		return
	}
	x := &wire.Exchange{W: w, R: r, Call: call}
	a.writeBare(x, http.StatusMethodNotAllowed, core.Fail(requisites.CodeNoAccess))
}

// InternalError answers a panicked request with 1111 Системная ошибка.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	x := &wire.Exchange{W: w, R: r, Call: httpx.CallOf(r)}
	a.writeBare(x, http.StatusOK, core.Fail(requisites.CodeSystem)) // the catalogue status of 1111
}
