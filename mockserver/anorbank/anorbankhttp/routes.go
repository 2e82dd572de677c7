package anorbankhttp

import (
	"errors"
	"net/http"
	"strings"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
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
	routes := []struct {
		op        string
		h         handler
		protected bool
	}{
		{"login", a.handleLogin, false},
		{"refresh-token", a.handleRefresh, false},
		{"send-otp", a.handleSendOTP, true},
		{"verify-otp", a.handleVerifyOTP, true},
		{"get-user-cards", a.handleUserCards, true},
		{"unregistered-check", a.handleCheck, true},
		{"unregistered-pay", a.handlePay, true},
		{"hold/v2/otp", a.handleHold, true},
		{"hold/v2/more", a.handleTopUp, true},
		{"hold/v2/reverse/partial", a.handlePartialReverse, true},
		{"hold/v2/confirm", a.handleConfirm, true},
		{"hold/v2/reverse", a.handleReverse, true},
		{"cancel/v3", a.handleCancel, true},
		{"status", a.handleStatus, true},
		{"ext/agent/pay", a.handleExtPay, true},
	}
	for _, rt := range routes {
		if err := kit.Handle(rt.op, a.serve(rt.h, rt.protected)); err != nil {
			return nil, err
		}
	}
	h, err := kit.Finish(a.notFound, a.notFound)
	if err != nil {
		return nil, err
	}
	a.Handler = h
	return a, nil
}

// handler is one operation: it returns the success body or an error.
type handler func(x *wire.Exchange, req *request) (any, error)

// request is what serve hands a handler: the authenticated agent and the
// decoded JSON object.
type request struct {
	agent anorbank.Agent
	body  map[string]any
	// billID is the bill the request names, echoed as `id` of a nested bmms error.
	billID any
}

func (a *Adapter) serve(h handler, protected bool) wire.Handler {
	return func(x *wire.Exchange) {
		svc, ok := wire.Domain[*anorbank.Service](x, anorbank.Provider)
		if !ok {
			a.writeError(x, nil, core.Fail(anorbank.CodeInternalError))
			return
		}
		req := &request{}
		if protected {
			// D-1: token checks come before any service, 401 bare.
			agent, err := svc.Authenticate(bearer(x.R))
			if err == nil && x.Op.ID == "cancel/v3" && !agent.CanCancel() {
				// AN-16, D-1: the missing special role is an auth error too.
				err = core.Failf(anorbank.CodeBadCredentials, "agent %s lacks the cancel role", agent.Username)
			}
			if err != nil {
				a.writeError(x, nil, err)
				return
			}
			req.agent = agent
		}
		if err := decode(x, req); err != nil {
			a.writeError(x, req, err)
			return
		}
		body, err := h(x, req)
		if errors.Is(err, wire.ErrAnswered) {
			return
		}
		if err != nil {
			a.writeError(x, req, err)
			return
		}
		x.Send(http.StatusOK, body)
	}
}

func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	x := &wire.Exchange{W: w, R: r, Call: httpCall(r)}
	a.writeBare(x, core.Fail(anorbank.CodeNotFound))
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
	x := &wire.Exchange{W: w, R: r, Call: httpCall(r)}
	a.writeBare(x, core.Fail(anorbank.CodeInternalError))
}
