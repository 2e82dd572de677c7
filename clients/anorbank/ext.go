package anorbank

import (
	"context"
	"net/http"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// ExtPayParams moves Amount tiyin from the agent's legal-entity account to
// an individual's card (§3.15).
type ExtPayParams struct {
	AgentTranID int64 // the example sends a number (epoch seconds)
	Account     string
	MFO         string
	Name        string
	PAN, Exp    string // Exp is MMYY
	Amount      int64
}

type extParty struct {
	Type     string         `json:"type"`
	Currency int            `json:"currency"`
	Params   map[string]any `json:"params"`
}

type extPayWire struct {
	AgentTranID int64    `json:"agentTranId"`
	From        extParty `json:"from"`
	To          extParty `json:"to"`
	Amount      int64    `json:"amount"`
}

// ExtPayResult is the documented answer.
type ExtPayResult struct {
	Amount        int64      `json:"amount"`
	Currency      int        `json:"currency"`
	AgentTranID   string     `json:"agentTranId"`
	Authorized    bool       `json:"authorized"`
	Promo         *string    `json:"promo"`
	Success       bool       `json:"success"`
	StatusCode    int        `json:"statusCode"`
	StatusMessage string     `json:"statusMessage"`
	Sender        ExtPaySide `json:"sender"`
	Recipient     ExtPaySide `json:"recipient"`
	BmID          int64      `json:"bmId"`
}

// ExtPaySide is the sender or the recipient of an ext-pay.
type ExtPaySide struct {
	Name             string            `json:"name"`
	Amount           int64             `json:"amount"`
	CommissionAmount int64             `json:"commissionAmount"`
	Commission       float64           `json:"commission"`
	Currency         int               `json:"currency"`
	Data             map[string]string `json:"data"`
}

// ExtPay transfers money to a card. Never resent automatically; repeating
// it with the same AgentTranID replays the first result (AN-15), so that is
// the safe way to resolve an unknown outcome.
func (c *Client) ExtPay(ctx context.Context, p *ExtPayParams) (*ExtPayResult, error) {
	in := extPayWire{
		AgentTranID: p.AgentTranID,
		From:        extParty{Type: "ACCOUNT", Currency: 860, Params: map[string]any{"account": p.Account, "mfo": p.MFO, "name": p.Name}},
		To:          extParty{Type: "PAN", Currency: 860, Params: map[string]any{"pan": p.PAN, "exp": p.Exp}},
		Amount:      p.Amount,
	}
	var out ExtPayResult
	if err := c.call(ctx, http.MethodPost, "/services/bmms/api/ext/agent/pay", in, &out, transport.Once); err != nil {
		return nil, err
	}
	return &out, nil
}
