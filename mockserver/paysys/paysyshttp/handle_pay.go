package paysyshttp

import (
	"encoding/json"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// payResult is pam.pay_by_cash's `result` (PS-3: `details`; PS-5: `mx_id`
// a sibling of it).
type payResult struct {
	Details payDetails `json:"details"`
	MxID    string     `json:"mx_id,omitempty"`
}

// payDetails: field names and nulls exactly as the seed's example; the
// card/bank fields are "absent for this method" and always null (PS-7).
type payDetails struct {
	ID                string  `json:"id"`
	MaskedCardNumber  *string `json:"masked_card_number"`
	TransactionID     int64   `json:"transaction_id"`
	BankTransactionID *string `json:"bank_transaction_id"`
	ReferenceNumber   *string `json:"reference_number"`
	Amount            sums    `json:"amount"`
	MerchantID        *string `json:"merchantId"`
	TerminalID        *string `json:"terminalId"`
	Date              int64   `json:"date"` // epoch seconds
}

// payByCash: PS-8 requires account, amount (> 0) and vendor_id; anything
// else in vendor_form (currency, ...) is accepted and ignored (PS-4).
func (a *Adapter) payByCash(x *wire.Exchange, c *call) (any, error) {
	form, ok := c.params.Object("vendor_form")
	if !ok {
		return nil, core.Fail(paysys.CodeMissingParams)
	}
	account, okA := form.String("account")
	vendor, okV := form.Int("vendor_id")
	num, okN := form.Number("amount")
	amount, okS := parseSums(num)
	if !okA || !okV || !okN || !okS || amount <= 0 {
		return nil, core.Fail(paysys.CodeMissingParams)
	}
	act, err := x.Intercept(rules.FactMap{"account": account, "amount": int64(amount), "vendor_id": vendor})
	if err != nil {
		return nil, err
	}
	p, err := c.svc.PayByCash(paysys.PayParams{
		VendorID: vendor, Account: account, Amount: amount, Steps: outcomeSteps(act.Outcome),
	})
	if err != nil {
		return nil, err
	}
	return payResult{MxID: p.Tracker, Details: payDetails{
		ID: p.ID, TransactionID: p.TransactionID, Amount: sums(p.Amount), Date: p.Created.Unix(),
	}}, nil
}

// outcomeSteps reads a rule's `outcome: {statuses: [{status, for}]}`
// (scenario schema statusSteps); nil when there is none.
func outcomeSteps(outcome map[string]any) []paysys.Step {
	raw, ok := outcome["statuses"]
	if !ok {
		return nil
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil
	}
	var steps []struct {
		Status int    `json:"status"`
		For    string `json:"for"`
	}
	if json.Unmarshal(b, &steps) != nil {
		return nil
	}
	out := make([]paysys.Step, 0, len(steps))
	for _, st := range steps {
		d, _ := parseDuration(st.For)
		out = append(out, paysys.Step{Status: st.Status, For: d})
	}
	return out
}
