package anorbankhttp

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

func (a *Adapter) handleHold(x *wire.Exchange, req *request) (any, error) {
	code := otpOf(req.body)
	return a.billOp(x, req, shapePaid, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.Hold(req.agent.Username, id, code)
	})
}

// handleTopUp: AN-13: amount is the increment, the answer the new total.
func (a *Adapter) handleTopUp(x *wire.Exchange, req *request) (any, error) {
	inc, err := amountOf(req.body, "amount")
	if err != nil {
		return nil, err
	}
	params, ok := req.body.Object("params")
	if !ok {
		return nil, core.Failf(anorbank.CodeInvalidParams, "params.pan and params.exp are required")
	}
	ref := cardRef(params)
	return a.billOp(x, req, shapeTopUp, rules.FactMap{"amount": int64(inc)}, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.TopUp(req.agent.Username, id, inc, ref)
	})
}

func (a *Adapter) handlePartialReverse(x *wire.Exchange, req *request) (any, error) {
	rev, err := amountOf(req.body, "reverseAmount")
	if err != nil {
		return nil, err
	}
	return a.billOp(x, req, shapePartial, rules.FactMap{"amount": int64(rev)}, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.ReverseHoldPartially(req.agent.Username, id, rev)
	})
}

func (a *Adapter) handleConfirm(x *wire.Exchange, req *request) (any, error) {
	return a.billOp(x, req, shapePaid, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.ConfirmHold(req.agent.Username, id)
	})
}

func (a *Adapter) handleReverse(x *wire.Exchange, req *request) (any, error) {
	return a.billOp(x, req, shapeEmpty, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.ReverseHold(req.agent.Username, id)
	})
}
