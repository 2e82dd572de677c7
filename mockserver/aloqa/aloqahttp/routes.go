package aloqahttp

import (
	"errors"
	"net/http"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Adapter serves the AloqaGateway API below its mount prefix.
type Adapter struct {
	kit *wire.Kit
	cat *contracts.Catalogue
	http.Handler
}

// handler is one operation: it returns the `result` or an error.
type handler func(x *wire.Exchange, svc *aloqa.Service, req *request) (any, error)

// New builds the adapter: routes and validators from contracts/aloqa.yaml, once.
func New() (*Adapter, error) {
	kit, err := wire.New(aloqa.Provider)
	if err != nil {
		return nil, err
	}
	a := &Adapter{kit: kit, cat: kit.Contract.Catalogue}
	routes := map[string]handler{
		"cards/add":                      handleCardsAdd,
		"cards/add-confirm":              handleCardsAddConfirm,
		"transactions/debit":             handleDebit,
		"transactions/debit/confirm":     handleDebitConfirm,
		"transactions/debit/reverse":     handleDebitReverse,
		"transactions/debit/hold/charge": handleHoldCharge,
		"transactions/debit/hold/cancel": handleHoldCancel,
		"p2p/recipient-info":             handleRecipientInfo,
		"p2p/fee-info":                   handleFeeInfo,
		"p2p/confirm":                    handleP2PConfirm,
		"cards/monitoring":               handleMonitoring,
		"monitoring/get/entry":           handleMonitoringEntry,
	}
	for _, r := range aloqa.Routes {
		routes["p2p/"+string(r)] = transferHandler(r)
	}
	for op, h := range routes {
		if err := kit.Handle(op, a.serve(h)); err != nil {
			return nil, err
		}
	}
	// AQ-1: an unknown path (or a wrong method) is -32601 in the envelope.
	h, err := kit.Finish(a.notFound, a.notFound)
	if err != nil {
		return nil, err
	}
	a.Handler = h
	return a, nil
}

// serve authenticates (Basic, AQ-1), decodes, runs h and writes the envelope.
func (a *Adapter) serve(h handler) wire.Handler {
	return func(x *wire.Exchange) {
		svc, ok := wire.Domain[*aloqa.Service](x, aloqa.Provider)
		if !ok {
			a.writeError(x, core.Fail(aloqa.CodeSystemError))
			return
		}
		user, pass, _ := x.R.BasicAuth()
		if !svc.Authenticate(user, pass) {
			a.writeError(x, core.Fail(aloqa.CodeUnauthorized))
			return
		}
		// AQ-11: lang is optional, anything but uz reads as ru.
		req := &request{lang: aloqa.ParseLang(x.R.Header.Get("lang"))}
		if err := decode(x, req); err != nil {
			a.writeError(x, err)
			return
		}
		result, err := h(x, svc, req)
		if errors.Is(err, wire.ErrAnswered) {
			return
		}
		if err != nil {
			a.writeError(x, err)
			return
		}
		x.Send(http.StatusOK, okEnvelope{Result: result})
	}
}

// intercept runs armed faults and scenario rules with the request's facts
// (see wire.Exchange.Intercept).
func intercept(x *wire.Exchange, req *request, named map[string]any) error {
	_, err := x.Intercept(named)
	return err
}

func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeBare(w, r, core.Fail(aloqa.CodeMethodNotFound))
}

// InternalError answers a panicked request with -32334 in the envelope.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(w, r, core.Fail(aloqa.CodeSystemError))
}
