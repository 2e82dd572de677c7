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

// extPayParams reads and checks an ext/agent/pay body as §3.15's tables
// say: a positive (or non-numeric) agentTranId, currency 860 on both sides (as
// unregistered-check), from an ACCOUNT (MFO 5 digits, account 20 digits,
// params.name required) to a card (AN-14: type PAN or ACCOUNT).
func extPayParams(body wire.Body) (anorbank.ExtPayParams, error) {
	bad := func(what string) error { return core.Failf(anorbank.CodeInvalidParams, "ext/agent/pay: %s", what) }
	amount, err := amountOf(body, "amount")
	if err != nil {
		return anorbank.ExtPayParams{}, err
	}
	from, _ := body.Object("from")
	to, _ := body.Object("to")
	fromParams, okFrom := from.Object("params")
	toParams, okTo := to.Object("params")
	// A numeric agentTranId must be positive; a client's own string id is
	// kept as sent (D-13).
	if tran, ok := body.Int("agentTranId"); body.Text("agentTranId") == "" || (ok && tran <= 0) {
		return anorbank.ExtPayParams{}, bad("agentTranId must be positive")
	}
	if !okFrom || !okTo {
		return anorbank.ExtPayParams{}, bad("from.params and to.params are required")
	}
	for _, side := range []wire.Body{body, from, to} {
		if cur, ok := side.Int("currency"); side.Has("currency") && (!ok || cur != 860) {
			return anorbank.ExtPayParams{}, bad("currency must be 860")
		}
	}
	if t, _ := from.String("type"); from.Has("type") && t != "ACCOUNT" {
		return anorbank.ExtPayParams{}, bad("from.type must be ACCOUNT")
	}
	if t, _ := to.String("type"); to.Has("type") && t != "PAN" && t != "ACCOUNT" {
		return anorbank.ExtPayParams{}, bad("to.type must be PAN or ACCOUNT")
	}
	account, _ := fromParams.String("account")
	mfo, _ := fromParams.String("mfo")
	name, _ := fromParams.String("name")
	if !digitsN(account, 20) || !digitsN(mfo, 5) || name == "" {
		return anorbank.ExtPayParams{}, bad("from.params: account 20 digits, mfo 5 digits, name required")
	}
	return anorbank.ExtPayParams{AgentTranID: body.Text("agentTranId"), Account: account, MFO: mfo, Name: name,
		Card: cardRef(toParams), Amount: amount}, nil
}

func digitsN(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (a *Adapter) handleExtPay(x *wire.Exchange, req *request) (any, error) {
	p, err := extPayParams(req.body)
	if err != nil {
		return nil, err
	}
	p.Agent = req.agent.Username
	if _, err := x.Intercept(rules.FactMap{"pan": p.Card.PAN, "amount": int64(p.Amount), "account": p.Account}); err != nil {
		return nil, err
	}
	r, err := req.svc.ExtPay(p)
	if err != nil {
		return nil, err
	}
	masked := r.PAN.Masked()
	fromName, _ := json.Marshal(map[string]string{"account": p.Account, "mfo": p.MFO, "name": p.Name})
	toName, _ := json.Marshal(struct {
		PAN string `json:"pan"`
		Exp string `json:"exp"`
	}{masked, p.Card.Expiry})
	return extPayResponse{
		Amount: int64(r.Amount), Currency: 860, AgentTranID: r.AgentTranID,
		Success: true, StatusCode: 0, StatusMessage: "SUCCESS",
		// No commission is charged (anorbank.ExtPay): the answer says so.
		Sender: extPayParty{Name: string(fromName), Amount: int64(r.Amount),
			Commission: json.RawMessage("0.0"), Currency: 860, Data: extPayData{Account: p.Account, ExtID: r.SenderExtID}},
		Recipient: extPayParty{Name: string(toName), Amount: int64(r.Amount), Commission: json.RawMessage("0.0"),
			Currency: 860, Data: extPayData{Account: masked, ExtID: r.RecvExtID}},
		BmID: r.BmID,
	}, nil
}
