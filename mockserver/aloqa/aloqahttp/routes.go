package aloqahttp

import (
	"net/http"
	"strings"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Adapter serves the AloqaGateway API below its mount prefix; cat renders
// its errors.
type Adapter struct {
	http.Handler
	cat *contracts.Catalogue
}

// New mounts every operation of contracts/aloqa.yaml through one front
// (validators compiled once).
func New() (*Adapter, error) {
	kit, err := wire.New(aloqa.Provider)
	if err != nil {
		return nil, err
	}
	a := &Adapter{cat: kit.Contract.Catalogue}
	ops := map[string]wire.Op[*request]{
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
		ops["p2p/"+string(r)] = transferHandler(r)
	}
	front := &wire.Front[*request]{
		Prepare: a.prepare,
		Succeed: func(x *wire.Exchange, _ *request, result any) { x.Send(http.StatusOK, okEnvelope{Result: result}) },
		Fail:    func(x *wire.Exchange, _ *request, err error) { a.writeError(x, err) },
	}
	if err := wire.Mount(kit, front, ops); err != nil {
		return nil, err
	}
	// AQ-1: an unknown path (or a wrong method) is -32601 in the envelope.
	h, err := kit.Finish(a.notFound, a.notFound)
	a.Handler = oneTrailingSlash(h)
	return a, err
}

// oneTrailingSlash serves a documented path with one trailing slash as
// that path (issue 11; docs/aloqa.md). The gateway's records are Mongo
// documents (`_id`, `__v`), so its front is most plausibly Express, whose
// default non-strict routing does the same; HTTP clients built on a base
// URL ending in / send exactly that.
func oneTrailingSlash(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if len(p) > 1 && strings.HasSuffix(p, "/") && !strings.HasSuffix(p, "//") {
			r2, u := *r, *r.URL
			u.Path, u.RawPath = strings.TrimSuffix(p, "/"), ""
			r2.URL = &u
			r = &r2
		}
		h.ServeHTTP(w, r)
	})
}

// prepare authenticates (Basic, AQ-1) and decodes the body.
func (a *Adapter) prepare(x *wire.Exchange) (*request, error) {
	x.Call.Client = x.R.Header.Get("app-name") // AQ-11: recorded in the journal only
	svc, ok := wire.Domain[*aloqa.Service](x, aloqa.Provider)
	if !ok {
		return nil, core.Fail(aloqa.CodeSystemError)
	}
	user, pass, _ := x.R.BasicAuth()
	if !svc.Authenticate(user, pass) {
		return nil, core.Fail(aloqa.CodeUnauthorized)
	}
	// AQ-11: lang is optional, anything but uz reads as ru.
	req := &request{svc: svc, lang: aloqa.ParseLang(x.R.Header.Get("lang"))}
	return req, decode(x, req)
}

func (a *Adapter) notFound(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), core.Fail(aloqa.CodeMethodNotFound))
}

// InternalError answers a panicked request with -32334 in the envelope.
func (a *Adapter) InternalError(w http.ResponseWriter, r *http.Request) {
	a.writeBare(wire.Bare(w, r), core.Fail(aloqa.CodeSystemError))
}
