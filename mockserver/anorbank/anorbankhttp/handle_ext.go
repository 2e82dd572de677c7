package anorbankhttp

import (
	"encoding/json"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// extPayResponse is the ext/agent/pay object (§3.15).
type extPayResponse struct {
	Amount        int64       `json:"amount"`
	Currency      int         `json:"currency"`
	AgentTranID   string      `json:"agentTranId"` // a string in the example
	Authorized    bool        `json:"authorized"`
	Promo         *string     `json:"promo"`
	Success       bool        `json:"success"`
	StatusCode    int         `json:"statusCode"`
	StatusMessage string      `json:"statusMessage"`
	Sender        extPayParty `json:"sender"`
	Recipient     extPayParty `json:"recipient"`
	BmID          int64       `json:"bmId"`
}

type extPayParty struct {
	Name             string          `json:"name"` // the request's params, JSON-encoded
	Amount           int64           `json:"amount"`
	CommissionAmount int64           `json:"commissionAmount"`
	Commission       json.RawMessage `json:"commission"` // 0.4 and 0.0, written as the example does
	Currency         int             `json:"currency"`
	Data             extPayData      `json:"data"`
}

type extPayData struct {
	Account string `json:"ACCOUNT"`
	ExtID   string `json:"EXT_ID"`
}

func (a *Adapter) handleExtPay(x *wire.Exchange, req *request) (any, error) {
	amount, err := amountOf(req.body, "amount")
	if err != nil {
		return nil, err
	}
	from, _ := req.body.Object("from")
	to, _ := req.body.Object("to")
	fromParams, okFrom := from.Object("params")
	toParams, okTo := to.Object("params")
	tran := req.body.Text("agentTranId")
	if tran == "" || !okFrom || !okTo {
		return nil, core.Failf(anorbank.CodeInvalidParams, "agentTranId, from.params and to.params are required")
	}
	// AN-14: to.type PAN (the example) or ACCOUNT (the table) with params.pan.
	if t, _ := to.String("type"); t != "" && t != "PAN" && t != "ACCOUNT" {
		return nil, core.Failf(anorbank.CodeInvalidParams, "to.type %q", t)
	}
	account, _ := fromParams.String("account")
	mfo, _ := fromParams.String("mfo")
	name, _ := fromParams.String("name")
	ref := cardRef(toParams)
	if _, err := x.Intercept(rules.FactMap{"pan": ref.PAN, "amount": int64(amount), "account": account}); err != nil {
		return nil, err
	}
	svc := req.svc
	r, err := svc.ExtPay(anorbank.ExtPayParams{AgentTranID: tran, Account: account, MFO: mfo, Name: name, Card: ref, Amount: amount})
	if err != nil {
		return nil, err
	}
	masked := r.PAN.Masked()
	fromName, _ := json.Marshal(map[string]string{"account": account, "mfo": mfo, "name": name})
	toName, _ := json.Marshal(struct {
		PAN string `json:"pan"`
		Exp string `json:"exp"`
	}{masked, ref.Expiry})
	return extPayResponse{
		Amount: int64(r.Amount), Currency: 860, AgentTranID: r.AgentTranID,
		Success: true, StatusCode: 0, StatusMessage: "SUCCESS",
		Sender: extPayParty{Name: string(fromName), Amount: int64(r.Amount), Commission: json.RawMessage("0.4"),
			Currency: 860, Data: extPayData{Account: account, ExtID: r.SenderExtID}},
		Recipient: extPayParty{Name: string(toName), Amount: int64(r.Amount), Commission: json.RawMessage("0.0"),
			Currency: 860, Data: extPayData{Account: masked, ExtID: r.RecvExtID}},
		BmID: r.BmID,
	}, nil
}
