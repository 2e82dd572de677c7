package requisiteshttp

import (
	"net/http"
	"slices"
	"strings"

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
	statement wire.Handler // also served for GET with a body or a query (RQ-7)
	status    wire.Handler // also served for an orderId with "/" (D-13)
	http.Handler
}

// request is what Prepare hands an operation.
type request struct {
	svc  *requisites.Service
	user requisites.User
	body wire.Body // empty for GET operations
}

// Operations and paths the adapter serves outside the router's own matching.
const (
	opStatus      = "payment/{orderId}"
	opStatement   = "account/payments"
	statusPrefix  = "/api/v2/payment/"
	statementPath = "/api/v2/account/payments"
)

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
		opStatus:                      a.handleStatus,
		"account/{serviceId}/balance": a.handleBalance,
		opStatement:                   a.handleStatement,
	})
	if err != nil {
		return nil, err
	}
	a.statement = wire.Serve(front, a.handleStatement)
	a.status = wire.Serve(front, a.handleStatus)
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
	switch {
	case x.R.Method == http.MethodGet && x.Op.ID == opStatement:
		req.body, err = statementQuery(x)
	case x.Op.Method != http.MethodGet:
		req.body, err = decode(x)
	}
	return req, err
}

// intercept runs armed faults and rules with the call's facts plus the user.
func intercept(x *wire.Exchange, req *request, named rules.FactMap) (rules.Action, error) {
	named["username"] = req.user.Username
	return x.Intercept(named)
}

// notFound: an unknown path is 1008 "Не удалось получить данные", HTTP 404,
// except for two forms real clients send to documented operations:
//   - GET /api/v2/payment/<id with "/"> (D-13): an orderId that was accepted
//     is served back whatever it holds, so a "/" (decoded from %2F by the
//     client's urlencode, or sent raw) reads as part of the id;
//   - a documented path with a trailing slash, or after a base URL ending
//     in "/" (a leading "//"), is that path.
func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	if id, ok := strings.CutPrefix(r.URL.Path, statusPrefix); ok && id != "" && r.Method == http.MethodGet {
		a.serveAs(w, r, opStatus, map[string]string{"orderId": id}, a.status)
		return
	}
	if p := tidy(r.URL.Path); p != r.URL.Path {
		r2 := r.Clone(r.Context())
		r2.URL.Path, r2.URL.RawPath = p, ""
		a.Handler.ServeHTTP(w, r2)
		return
	}
	a.writeBare(wire.Bare(w, r), http.StatusNotFound, core.Fail(requisites.CodeNoData))
}

// tidy drops one trailing slash and collapses a leading "//"; a path it
// does not change is really unknown.
func tidy(path string) string {
	if strings.HasPrefix(path, "//") {
		return "/" + strings.TrimLeft(path, "/")
	}
	if p, ok := strings.CutSuffix(path, "/"); ok && p != "" && !strings.HasSuffix(p, "/") {
		return p
	}
	return path
}

// wrongMethod: 1009 "Нет доступа для метода", HTTP 405 with Allow. RQ-7:
// the statement is also served for GET, with the same JSON body or the
// same fields as a query string.
func (a *Adapter) wrongMethod(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && r.URL.Path == statementPath {
		a.serveAs(w, r, opStatement, map[string]string{}, a.statement)
		return
	}
	if allow := a.allowed(r.URL.Path); allow != "" {
		w.Header().Set("Allow", allow)
	}
	a.writeBare(wire.Bare(w, r), http.StatusMethodNotAllowed, core.Fail(requisites.CodeNoAccess))
}

// serveAs runs a documented operation for a request the router did not
// match to it.
func (a *Adapter) serveAs(w http.ResponseWriter, r *http.Request, id string, vars map[string]string, h wire.Handler) {
	op, _ := a.kit.Contract.Operation(id)
	x := wire.Bare(w, r)
	x.Op, x.Call.Operation, x.Vars = op, op.ID, vars
	h(x)
}

// allowed lists the documented methods of path (RFC 9110: a 405 names them).
func (a *Adapter) allowed(path string) string {
	var methods []string
	for _, op := range a.kit.Contract.Operations() {
		if samePath(op.Path, path) && !slices.Contains(methods, op.Method) {
			methods = append(methods, op.Method)
		}
	}
	if path == statementPath {
		methods = append(methods, http.MethodGet)
	}
	return strings.Join(methods, ", ")
}

// samePath matches a concrete path against a contract path with {params}.
func samePath(template, path string) bool {
	t, p := strings.Split(template, "/"), strings.Split(path, "/")
	if len(t) != len(p) {
		return false
	}
	for i := range t {
		if t[i] != p[i] && !(strings.HasPrefix(t[i], "{") && p[i] != "") {
			return false
		}
	}
	return true
}

// InternalError answers a panicked request with 1111 Системная ошибка.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), http.StatusOK, core.Fail(requisites.CodeSystem)) // the catalogue status of 1111
}
