package anorbankhttp

import (
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Adapter serves the Anor Bank API below its mount prefix.
type Adapter struct {
	kit *wire.Kit
	cat *contracts.Catalogue
	http.Handler
}

// New builds the adapter: routes and validators from contracts/anorbank.yaml, once.
func New() (*Adapter, error) {
	kit, err := wire.New(anorbank.Provider)
	if err != nil {
		return nil, err
	}
	a := &Adapter{kit: kit, cat: kit.Contract.Catalogue}
	public := map[string]wire.Op[*request]{
		"login":         a.handleLogin,
		"refresh-token": a.handleRefresh,
	}
	protected := map[string]wire.Op[*request]{
		"send-otp":                a.handleSendOTP,
		"verify-otp":              a.handleVerifyOTP,
		"get-user-cards":          a.handleUserCards,
		"unregistered-check":      a.handleCheck,
		"unregistered-pay":        a.handlePay,
		"hold/v2/otp":             a.handleHold,
		"hold/v2/more":            a.handleTopUp,
		"hold/v2/reverse/partial": a.handlePartialReverse,
		"hold/v2/confirm":         a.handleConfirm,
		"hold/v2/reverse":         a.handleReverse,
		"cancel/v3":               a.handleCancel,
		"status":                  a.handleStatus,
		"ext/agent/pay":           a.handleExtPay,
	}
	if err := wire.Mount(kit, a.front(false), public); err != nil {
		return nil, err
	}
	if err := wire.Mount(kit, a.front(true), protected); err != nil {
		return nil, err
	}
	h, err := kit.Finish(a.notFound, a.wrongMethod)
	if err != nil {
		return nil, err
	}
	a.Handler = trimSlash(h)
	return a, nil
}

// request is what every operation gets: the namespace's Anor Bank, the
// authenticated agent (protected paths) and the decoded JSON object.
type request struct {
	svc   *anorbank.Service
	agent anorbank.Agent
	body  wire.Body
}

// front is the Anor Bank around every operation: authenticate when
// protected, decode, and answer in Anor's envelopes.
func (a *Adapter) front(protected bool) *wire.Front[*request] {
	return &wire.Front[*request]{
		Prepare: func(x *wire.Exchange) (*request, error) { return a.prepare(x, protected) },
		Succeed: func(x *wire.Exchange, _ *request, result any) { x.Send(http.StatusOK, result) },
		Fail:    a.writeError,
	}
}

func (a *Adapter) prepare(x *wire.Exchange, protected bool) (*request, error) {
	svc, ok := wire.Domain[*anorbank.Service](x, anorbank.Provider)
	if !ok {
		return nil, core.Fail(anorbank.CodeInternalError)
	}
	req := &request{svc: svc}
	if protected {
		// D-1: token checks come before any service, 401 bare.
		agent, err := svc.Authenticate(bearer(x.R))
		if err == nil && x.Op.ID == "cancel/v3" && !agent.CanCancel() {
			// AN-16, D-1: the missing special role is an auth error too.
			err = core.Failf(anorbank.CodeBadCredentials, "agent %s lacks the cancel role", agent.Username)
		}
		if err != nil {
			return nil, err
		}
		req.agent = agent
	}
	body, err := decode(x)
	req.body = body
	return req, err
}

func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), core.Fail(anorbank.CodeNotFound))
}

// wrongMethod answers a known path asked with another method: 405 with
// Allow, in Anor's error object (`invalid request`, status 405), as a
// Spring gateway does; not `not found`, which would send a client hunting
// for a wrong URL.
func (a *Adapter) wrongMethod(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, op := range a.kit.Contract.Operations() {
		if op.Path == r.URL.Path && !slices.Contains(allow, op.Method) {
			allow = append(allow, op.Method)
		}
	}
	x := wire.Bare(w, r)
	obj := a.object(anorbank.CodeInvalidRequest)
	obj.Status = http.StatusMethodNotAllowed
	x.Call.ErrorCode = anorbank.CodeInvalidRequest
	w.Header().Set("Allow", strings.Join(allow, ", "))
	httpx.Deliver(w, r, obj.Status, httpx.Marshal(obj), nil)
}

// trimSlash serves a documented path asked with a trailing slash, or with
// a doubled one (a client whose base URL ends in "/" joined with a path that
// starts with one), as the path itself, as the Spring gateway in front of
// Anor's services does.
func trimSlash(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; len(p) > 1 && (strings.HasSuffix(p, "/") || strings.Contains(p, "//")) {
			r = r.Clone(r.Context())
			r.URL.Path, r.URL.RawPath = path.Clean(p), ""
		}
		h.ServeHTTP(w, r)
	})
}

// bearer extracts the token of `Authorization: Bearer <token>` (AN-21).
func bearer(r *http.Request) string {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// InternalError answers a panicked request with the documented `internal error`.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), core.Fail(anorbank.CodeInternalError))
}
