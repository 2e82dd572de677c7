package paysyshttp

import (
	"errors"
	"net/http"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Adapter serves the PaySys gateway below its mount prefix.
type Adapter struct {
	kit     *wire.Kit
	cat     *contracts.Catalogue
	wall    func() time.Time
	methods map[string]method
	http.Handler
}

// method is one JSON-RPC method: it returns the `result` member or an error.
type method func(x *wire.Exchange, svc *paysys.Service, f *frame) (any, error)

// New builds the adapter: the route and its validator from
// contracts/paysys.yaml, once. wall is the real wall clock the Auth
// timestamp is checked against (D-3); nil means time.Now.
func New(wall func() time.Time) (*Adapter, error) {
	kit, err := wire.New(paysys.Provider)
	if err != nil {
		return nil, err
	}
	if wall == nil {
		wall = time.Now
	}
	a := &Adapter{kit: kit, cat: kit.Contract.Catalogue, wall: wall}
	// An explicit method table, no reflective dispatch (STYLE §4).
	a.methods = map[string]method{
		"pam.pay_by_cash":   a.payByCash,
		"pam.check_payment": a.checkPayment,
	}
	if err := kit.Handle("gateway", a.gateway); err != nil {
		return nil, err
	}
	h, err := kit.Finish(a.notFound, a.wrongMethod)
	if err != nil {
		return nil, err
	}
	a.Handler = h
	return a, nil
}

// gateway serves POST /gateway: frame, auth, method, params, then the method.
func (a *Adapter) gateway(x *wire.Exchange) {
	svc, ok := wire.Domain[*paysys.Service](x, paysys.Provider)
	if !ok {
		a.writeError(x, nil, core.Fail(paysys.CodeInternal))
		return
	}
	f, ferr := decode(x)
	// D-2: auth comes first (a gateway authenticates before routing); the
	// request id is echoed when the frame could be read.
	if err := svc.Authenticate(credentials(x.R), a.wall()); err != nil {
		a.writeError(x, f.id, err)
		return
	}
	if ferr != nil {
		a.writeError(x, f.id, ferr)
		return
	}
	m, ok := a.methods[f.method]
	if !ok {
		a.writeError(x, f.id, core.Fail(paysys.CodeMethodNotFound))
		return
	}
	// Rules and faults name JSON-RPC methods as operations (SCENARIOS.md §1).
	x.Call.Operation = f.method
	if err := x.Validate(); err != nil {
		a.writeError(x, f.id, core.Failf(paysys.CodeMissingParams, "%v", err)) // D-4: never -32602
		return
	}
	result, err := m(x, svc, f)
	if errors.Is(err, wire.ErrAnswered) {
		return
	}
	if err != nil {
		a.writeError(x, f.id, err)
		return
	}
	x.Send(http.StatusOK, okResponse{ID: f.id, Error: nil, Result: result})
}

// notFound: an unknown path under /paysys is HTTP 404 in the JSON-RPC
// envelope (-32601: nothing is served there).
func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeBare(w, r, http.StatusNotFound, paysys.CodeMethodNotFound)
}

// wrongMethod: anything but POST on /gateway is HTTP 405 with -32600 (not a
// JSON-RPC call).
func (a *Adapter) wrongMethod(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", http.MethodPost)
	a.writeBare(w, r, http.StatusMethodNotAllowed, paysys.CodeInvalidRequest)
}

// InternalError answers a panicked request with -32400 in the envelope.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(w, r, 0, paysys.CodeInternal)
}
