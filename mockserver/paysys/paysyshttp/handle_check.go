package paysyshttp

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// checkResult is pam.check_payment's `result`: note the double
// `result.result` (PS-3) and `mx_id` beside the inner result (PS-5).
type checkResult struct {
	Result paymentStatus `json:"result"`
	MxID   string        `json:"mx_id,omitempty"`
}

type paymentStatus struct {
	BankTransactionID *string `json:"bank_transaction_id"` // PS-7: null
	Amount            sums    `json:"amount"`
	Date              int64   `json:"date"`
	Status            int     `json:"status"`
}

func (a *Adapter) checkPayment(x *wire.Exchange, c *call) (any, error) {
	svc := c.svc
	id, ok := c.params.Int("agr_transaction_id")
	if !ok {
		return nil, core.Fail(paysys.CodeMissingParams)
	}
	facts := rules.FactMap{"agr_transaction_id": id}
	if p, err := svc.CheckPayment(id); err == nil {
		facts["account"], facts["amount"], facts["vendor_id"] = p.Account, int64(p.Amount), p.VendorID
	}
	if _, err := x.Intercept(facts); err != nil {
		return nil, err
	}
	p, err := svc.CheckPayment(id)
	if err != nil {
		return nil, err
	}
	return checkResult{MxID: svc.Tracker(), Result: paymentStatus{
		Amount: sums(p.Amount), Date: p.Created.Unix(), Status: p.Status,
	}}, nil
}

// parseDuration reads a rule step's `for` ("30s"); empty is 0.
func parseDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	return time.ParseDuration(s)
}
