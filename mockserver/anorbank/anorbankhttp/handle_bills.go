package anorbankhttp

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

func (a *Adapter) handleCheck(x *wire.Exchange, req *request) (any, error) {
	params := obj(req.body, "params")
	amount, err := amountOf(req.body, "amount")
	if err != nil {
		return nil, err
	}
	rcp, ok := intOf(req.body["recipientId"])
	tran := textOf(req.body["agentTranId"])
	if !ok || tran == "" || params == nil {
		return nil, core.Failf(anorbank.CodeInvalidParams, "recipientId, agentTranId and params are required")
	}
	cur := int64(0)
	if v, present := req.body["currency"]; present {
		if cur, ok = intOf(v); !ok {
			return nil, core.Failf(anorbank.CodeInvalidParams, "currency")
		}
	}
	account, _ := str(req.body, "account")
	ref := cardRef(params)
	facts := rules.FactMap{"pan": ref.PAN, "amount": int64(amount), "account": account}
	if stop, err := intercept(x, facts); stop || err != nil {
		return nil, err
	}
	svc, _ := wire.Domain[*anorbank.Service](x, anorbank.Provider)
	b, err := svc.Check(anorbank.CheckParams{
		Account: account, RecipientID: rcp, Amount: amount, Currency: int(cur), AgentTranID: tran, Card: ref,
	})
	if err != nil {
		return nil, err
	}
	return billView(b, shapeCheck), nil
}

// billOp runs an operation on the bill the request names: parse billId,
// publish the bill's pan and amount to the rules, call the domain.
func (a *Adapter) billOp(x *wire.Exchange, req *request, shape billShape, extra rules.FactMap,
	do func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error)) (any, error) {
	id, err := billIDOf(req)
	if err != nil {
		return nil, err
	}
	svc, _ := wire.Domain[*anorbank.Service](x, anorbank.Provider)
	facts := rules.FactMap{}
	if pan, amount, ok := svc.BillPAN(id); ok {
		facts["pan"], facts["amount"] = pan, int64(amount)
	}
	for k, v := range extra {
		facts[k] = v
	}
	if stop, err := intercept(x, facts); stop || err != nil {
		return nil, err
	}
	b, err := do(svc, id)
	if err != nil {
		return nil, err
	}
	return billView(b, shape), nil
}

func (a *Adapter) handlePay(x *wire.Exchange, req *request) (any, error) {
	code := otpOf(req.body)
	return a.billOp(x, req, shapePaid, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.Pay(id, code)
	})
}

// handleCancel: serve has already refused an agent without the cancel role
// (AN-16, D-1: 401 bare, before the body is looked at).
func (a *Adapter) handleCancel(x *wire.Exchange, req *request) (any, error) {
	return a.billOp(x, req, shapeEmpty, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.Cancel(id)
	})
}

// handleStatus: by billId or agentTranId, at least one (§3.14).
func (a *Adapter) handleStatus(x *wire.Exchange, req *request) (any, error) {
	tran := textOf(req.body["agentTranId"])
	if req.billID == nil && tran == "" {
		return nil, core.Failf(anorbank.CodeInvalidParams, "billId or agentTranId is required")
	}
	if req.billID != nil {
		return a.billOp(x, req, shapeStatus, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
			return svc.Status(id, "")
		})
	}
	if stop, err := intercept(x, rules.FactMap{}); stop || err != nil {
		return nil, err
	}
	svc, _ := wire.Domain[*anorbank.Service](x, anorbank.Provider)
	b, err := svc.Status(0, tran)
	if err != nil {
		return nil, err
	}
	return billView(b, shapeStatus), nil
}
