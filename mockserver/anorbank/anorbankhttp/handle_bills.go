package anorbankhttp

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

func (a *Adapter) handleCheck(x *wire.Exchange, req *request) (any, error) {
	params, hasParams := req.body.Object("params")
	amount, err := amountOf(req.body, "amount")
	if err != nil {
		return nil, err
	}
	rcp, ok := req.body.Int("recipientId")
	tran := req.body.Text("agentTranId")
	if !ok || tran == "" || !hasParams {
		return nil, core.Failf(anorbank.CodeInvalidParams, "recipientId, agentTranId and params are required")
	}
	cur := int64(0)
	if req.body.Has("currency") {
		if cur, ok = req.body.Int("currency"); !ok {
			return nil, core.Failf(anorbank.CodeInvalidParams, "currency")
		}
	}
	account, _ := req.body.String("account")
	ref := cardRef(params)
	facts := rules.FactMap{"pan": ref.PAN, "amount": int64(amount), "account": account}
	if _, err := x.Intercept(facts); err != nil {
		return nil, err
	}
	svc := req.svc
	b, err := svc.Check(anorbank.CheckParams{
		Agent: req.agent.Username, Account: account, RecipientID: rcp, Amount: amount, Currency: int(cur), AgentTranID: tran, Card: ref,
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
	id, err := billIDOf(req.body)
	if err != nil {
		return nil, err
	}
	svc := req.svc
	if shape != shapeStatus { // status only reads
		release, err := svc.Claim(req.agent.Username, id)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	facts := rules.FactMap{}
	if pan, amount, ok := svc.BillPAN(req.agent.Username, id); ok {
		facts["pan"], facts["amount"] = pan, int64(amount)
	}
	for k, v := range extra {
		facts[k] = v
	}
	if _, err := x.Intercept(facts); err != nil {
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
		return svc.Pay(req.agent.Username, id, code)
	})
}

// handleCancel: serve has already refused an agent without the cancel role
// (AN-16, D-1: 401 bare, before the body is looked at).
func (a *Adapter) handleCancel(x *wire.Exchange, req *request) (any, error) {
	return a.billOp(x, req, shapeEmpty, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
		return svc.Cancel(req.agent.Username, id)
	})
}

// handleStatus: by billId or agentTranId, at least one (§3.14).
func (a *Adapter) handleStatus(x *wire.Exchange, req *request) (any, error) {
	tran := req.body.Text("agentTranId")
	byID := billIDKey(req.body) != ""
	if !byID && tran == "" {
		return nil, core.Failf(anorbank.CodeInvalidParams, "billId or agentTranId is required")
	}
	if byID {
		return a.billOp(x, req, shapeStatus, nil, func(svc *anorbank.Service, id anorbank.BillID) (anorbank.Bill, error) {
			return svc.Status(req.agent.Username, id, tran)
		})
	}
	if _, err := x.Intercept(rules.FactMap{}); err != nil {
		return nil, err
	}
	svc := req.svc
	b, err := svc.Status(req.agent.Username, 0, tran)
	if err != nil {
		return nil, err
	}
	return billView(b, shapeStatus), nil
}
