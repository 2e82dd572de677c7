package wire

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// Kit mounts one provider's operations.
type Kit struct {
	Provider string
	Contract *contracts.Contract
	router   *mux.Router
	mounted  map[string]bool
	// static serves the operations whose paths have no {parameters}: an
	// exact lookup, where gorilla/mux would try each route's regexp in turn
	// (and compile one per route at start-up, issue 15). staticPaths answers
	// a known static path with a wrong method. Everything else (templated
	// paths, unknown paths) goes to the mux router.
	static      map[route]http.HandlerFunc
	staticPaths map[string]bool
}

// route keys the static operations: a struct, not "METHOD /path", whose
// concatenation allocated on every request once longer than 32 bytes.
type route struct{ method, path string }

// New loads the provider's contract and starts an empty router.
func New(provider string) (*Kit, error) {
	c, err := contracts.Load(provider)
	if err != nil {
		return nil, err
	}
	r := mux.NewRouter()
	r.SkipClean(true)
	return &Kit{Provider: provider, Contract: c, router: r, mounted: map[string]bool{},
		static: map[route]http.HandlerFunc{}, staticPaths: map[string]bool{}}, nil
}

// Handler serves one operation. It writes its answer through x.
type Handler func(x *Exchange)

// Handle mounts the contract operation id at its documented method and path.
func (k *Kit) Handle(id string, h Handler) error {
	op, ok := k.Contract.Operation(id)
	if !ok {
		return fmt.Errorf("wire: %s: no operation %q in the contract", k.Provider, id)
	}
	k.mounted[id] = true
	serve := func(w http.ResponseWriter, r *http.Request) {
		call := callOf(r)
		call.Provider, call.Operation = k.Provider, op.ID
		h(&Exchange{W: w, R: r, Call: call, Op: op, Vars: mux.Vars(r)})
	}
	if strings.Contains(op.Path, "{") {
		k.router.Methods(op.Method).Path(op.Path).HandlerFunc(serve)
	} else {
		k.static[route{op.Method, op.Path}] = serve
		k.staticPaths[op.Path] = true
	}
	return nil
}

// Finish checks every contract operation is mounted (a test keeps
// operationIds and routes one to one) and sets the handlers for unknown
// paths and wrong methods, which answer in the provider's envelope.
func (k *Kit) Finish(notFound, wrongMethod http.HandlerFunc) (http.Handler, error) {
	for _, id := range k.Contract.OperationIDs() {
		if !k.mounted[id] {
			return nil, fmt.Errorf("wire: %s: operation %q is in the contract but not mounted", k.Provider, id)
		}
	}
	mark := func(h http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			callOf(r).Provider = k.Provider
			h(w, r)
		}
	}
	k.router.NotFoundHandler = mark(notFound)
	k.router.MethodNotAllowedHandler = mark(wrongMethod)
	wrong := mark(wrongMethod)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := k.static[route{r.Method, r.URL.Path}]; ok {
			h(w, r)
			return
		}
		if k.staticPaths[r.URL.Path] {
			wrong(w, r) // as gorilla/mux: the path is known, the method is not
			return
		}
		k.router.ServeHTTP(w, r)
	}), nil
}

func callOf(r *http.Request) *httpx.Call { return httpx.CallOf(r) }

// Exchange is one request being served.
type Exchange struct {
	W    http.ResponseWriter
	R    *http.Request
	Call *httpx.Call
	Op   *contracts.Operation
	Vars map[string]string
}

// Body is the request body, read once by the sandbox.
func (x *Exchange) Body() []byte { return x.Call.Body }

// TooLarge reports a body over 1 MiB.
func (x *Exchange) TooLarge() bool { return x.Call.BodyTooLarge }

// NS is the namespace the request runs in.
func (x *Exchange) NS() *core.Namespace { return x.Call.NS }

// Validate checks the request against the contract.
func (x *Exchange) Validate() error {
	return contracts.Explain(x.Op.ValidateRequest(x.R, x.Call.Body, x.Vars))
}

// ValidateDecoded checks the request when the adapter has already decoded
// the body into v (encoding/json with UseNumber): no second decode.
func (x *Exchange) ValidateDecoded(v any) error {
	return contracts.Explain(x.Op.ValidateDecoded(x.R, x.Call.Body, v, x.Vars))
}

// Facts returns what the request tells the rules: the adapter's named facts
// plus body.<path> and header.<name>.
func (x *Exchange) Facts(named map[string]any) *httpx.Facts {
	return &httpx.Facts{Named: named, Body: x.Call.Body, Header: x.R.Header}
}

// Intercept applies armed faults and scenario rules (see httpx.Intercept)
// with the adapter's named facts plus body.<path> and header.<name>. It
// returns ErrAnswered when a fault answered instead of the provider, the
// documented *core.Error a rule scripts (state unchanged), or else the
// action, whose Outcome the operation may use.
func (x *Exchange) Intercept(named map[string]any) (rules.Action, error) {
	act, stop := httpx.Intercept(x.W, x.R, x.Facts(named))
	switch {
	case stop:
		return act, ErrAnswered
	case act.Fault == rules.FaultApplyThenError:
		return act, nil // the operation applies; Serve answers act.Error after it
	case act.Error != "":
		return act, core.Fail(act.Error)
	}
	return act, nil
}

// Send encodes v and delivers it with status, checked against the contract
// in strict mode.
func (x *Exchange) Send(status int, v any) {
	var check httpx.ResponseCheck
	if x.Call.Strict {
		check = func(status int, h http.Header, body []byte) error {
			return x.Op.ValidateResponse(x.R, x.Vars, status, h, body)
		}
	}
	httpx.Deliver(x.W, x.R, status, httpx.Marshal(v), check)
}

// Domain returns the provider's domain state in this namespace.
func Domain[T any](x *Exchange, provider string) (T, bool) {
	var zero T
	if x.Call.NS == nil {
		return zero, false
	}
	d, ok := x.Call.NS.Domain(provider).(T)
	return d, ok
}
