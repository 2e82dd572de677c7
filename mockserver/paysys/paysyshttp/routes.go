package paysyshttp

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Adapter serves the PaySys gateway below its mount prefix.
type Adapter struct {
	cat     *contracts.Catalogue
	wall    func() time.Time
	methods map[string]wire.Op[*call]
	http.Handler
}

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
	a := &Adapter{cat: kit.Contract.Catalogue, wall: wall}
	// An explicit method table, no reflective dispatch (STYLE §4). Its
	// names are paysys.Methods, the one list rules and scenarios read.
	a.methods = map[string]wire.Op[*call]{
		paysys.MethodPayByCash:    a.payByCash,
		paysys.MethodCheckPayment: a.checkPayment,
	}
	if got, want := slices.Sorted(maps.Keys(a.methods)), slices.Sorted(slices.Values(paysys.Methods())); !slices.Equal(got, want) {
		return nil, fmt.Errorf("paysyshttp: method table %v, paysys.Methods %v", got, want)
	}
	front := &wire.Front[*call]{Prepare: a.prepare, Succeed: a.succeed, Fail: a.fail}
	if err := wire.Mount(kit, front, map[string]wire.Op[*call]{"gateway": a.dispatch}); err != nil {
		return nil, err
	}
	h, err := kit.Finish(a.notFound, a.wrongMethod)
	if err != nil {
		return nil, err
	}
	// A base URL ending in `/` makes clients post to /gateway/: the same
	// gateway (issue 11).
	a.Handler = wire.TrailingSlash(h, "/gateway")
	return a, nil
}

// prepare serves POST /gateway up to the method: frame, auth, method,
// params. The call it returns carries the id the envelope echoes.
func (a *Adapter) prepare(x *wire.Exchange) (*call, error) {
	svc, ok := wire.Domain[*paysys.Service](x, paysys.Provider)
	if !ok {
		return &call{}, core.Fail(paysys.CodeInternal)
	}
	c, ferr := decodeFrame(x)
	c.svc = svc
	// D-2: auth comes first (a gateway authenticates before routing); the
	// request id is echoed when the frame could be read.
	if err := svc.Authenticate(credentials(x.R), a.wall()); err != nil {
		return c, err
	}
	if ferr != nil {
		return c, ferr
	}
	if _, ok := a.methods[c.method]; !ok {
		return c, core.Fail(paysys.CodeMethodNotFound)
	}
	// Rules and faults name JSON-RPC methods as operations (SCENARIOS.md §1).
	x.Call.Operation = c.method
	if err := x.ValidateDecoded(c.frame); err != nil {
		return c, core.Failf(paysys.CodeMissingParams, "%v", err) // D-4: never -32602
	}
	return c, nil
}

// dispatch runs the method prepare found.
func (a *Adapter) dispatch(x *wire.Exchange, c *call) (any, error) {
	return a.methods[c.method](x, c)
}

// notFound: an unknown path under /paysys is HTTP 404 in the JSON-RPC
// envelope (-32601: nothing is served there).
func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), http.StatusNotFound, paysys.CodeMethodNotFound)
}

// wrongMethod: anything but POST on /gateway is HTTP 405 with -32600 (not a
// JSON-RPC call).
func (a *Adapter) wrongMethod(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", http.MethodPost)
	a.writeBare(wire.Bare(w, r), http.StatusMethodNotAllowed, paysys.CodeInvalidRequest)
}

// InternalError answers a panicked request with -32400 in the envelope.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), 0, paysys.CodeInternal)
}
