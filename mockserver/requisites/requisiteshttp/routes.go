package requisiteshttp

import (
	"net/http"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
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

// request is what Prepare hands an operation.
type request struct {
	svc  *requisites.Service
	user requisites.User
	body wire.Body // empty for GET operations
}

// New builds the adapter: routes and validators from contracts/requisites.yaml, once.
func New() (*Adapter, error) {
	kit, err := wire.New(requisites.Provider)
	if err != nil {
		return nil, err
	}
	a := &Adapter{kit: kit, cat: kit.Contract.Catalogue}
	front := &wire.Front[*request]{
		Prepare: a.prepare,
		Succeed: func(x *wire.Exchange, _ *request, result any) { x.Send(http.StatusOK, result) },
		Fail:    func(x *wire.Exchange, _ *request, err error) { a.writeError(x, err) },
	}
	err = wire.Mount(kit, front, map[string]wire.Op[*request]{
		"services":                    a.handleServices,
		"payment":                     a.handlePayment,
		"paymentBudget":               a.handlePaymentBudget,
		"payment/{orderId}":           a.handleStatus,
		"account/{serviceId}/balance": a.handleBalance,
		"account/payments":            a.handleStatement,
	})
	if err != nil {
		return nil, err
	}
	a.statement = wire.Serve(front, a.handleStatement)
	h, err := kit.Finish(a.notFound, a.wrongMethod)
	if err != nil {
		return nil, err
	}
	a.Handler = h
	return a, nil
}

// prepare authenticates (HTTP Basic, 401 + 1004), checks the user's methods
// (1009) and decodes a body.
func (a *Adapter) prepare(x *wire.Exchange) (*request, error) {
	svc, found := wire.Domain[*requisites.Service](x, requisites.Provider)
	if !found {
		return nil, core.Fail(requisites.CodeSystem)
	}
	user, pass, _ := x.R.BasicAuth()
	u, err := svc.Authenticate(user, pass)
	if err != nil {
		return nil, err
	}
	if !u.Allowed(x.Op.ID) {
		return nil, core.Failf(requisites.CodeNoAccess, "user %q may not call %s", u.Username, x.Op.ID)
	}
	req := &request{svc: svc, user: u}
	if x.Op.Method != http.MethodGet {
		req.body, err = decode(x)
	}
	return req, err
}

// intercept runs armed faults and rules with the call's facts plus the user.
func intercept(x *wire.Exchange, req *request, named rules.FactMap) (rules.Action, error) {
	named["username"] = req.user.Username
	return x.Intercept(named)
}

// notFound: an unknown path is 1008 "Не удалось получить данные", HTTP 404.
func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), http.StatusNotFound, core.Fail(requisites.CodeNoData))
}

// wrongMethod: 1009 "Нет доступа для метода", HTTP 405. RQ-7: the statement
// is also served for GET with the same JSON body.
func (a *Adapter) wrongMethod(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == "/api/v2/account/payments" {
		op, _ := a.kit.Contract.Operation("account/payments")
		x := wire.Bare(w, r)
		x.Op, x.Call.Operation = op, op.ID
		a.statement(x)
		return
	}
	a.writeBare(wire.Bare(w, r), http.StatusMethodNotAllowed, core.Fail(requisites.CodeNoAccess))
}

// InternalError answers a panicked request with 1111 Системная ошибка.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), http.StatusOK, core.Fail(requisites.CodeSystem)) // the catalogue status of 1111
}
