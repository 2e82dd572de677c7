package requisiteshttp

import (
	"errors"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// orderResponse is the `data` of payment, paymentBudget and payment/{orderId}.
type orderResponse struct {
	PaymentStatus string `json:"payment_status"`
	DocID         string `json:"doc_id"`
}

func orderData(o requisites.Order) okEnvelope {
	return ok(orderResponse{PaymentStatus: string(o.Status), DocID: o.DocID})
}

func (a *Adapter) handlePayment(x *wire.Exchange, req *request) (any, error) {
	return a.pay(x, req, false)
}

func (a *Adapter) handlePaymentBudget(x *wire.Exchange, req *request) (any, error) {
	return a.pay(x, req, true)
}

// pay validates the order, lets the rules speak (account endings, cards 24
// and 25), then applies it once.
func (a *Adapter) pay(x *wire.Exchange, req *request, budget bool) (any, error) {
	b := req.body
	p := requisites.PaymentParams{
		Budget: budget, OrderID: b.Text("orderId"), ServiceID: b.Text("serviceId"),
		Amount: b.Text("amount"), Commission: b.Text("comissionAmount"), // RQ-2: one "m" only
		Account: b.Text("receiverAccount"), INN: b.Text("innReceiver"), Purpose: b.Text("purpose"),
		RefNumber: b.Text("refNumber"), CardType: b.Text("cardType"), CardNumber: b.Text("cardNumber"),
	}
	if budget {
		p.PurposeCode = b.Text("purposeCode")
	} else {
		p.ReceiverName, p.MFO = b.Text("receiverName"), b.Text("mfoReceiver")
	}
	pay, err := req.svc.Validate(p)
	if err != nil {
		return nil, err
	}
	act, answer := intercept(x, req, rules.FactMap{
		"account": pay.Account, "amount": int64(pay.Amount), "order_id": string(pay.OrderID),
		"pan": string(pay.CardNumber), "service_id": int64(pay.ServiceID),
	})
	// A rule with an error answers it with the state unchanged, unless it
	// also scripts an outcome: then the order is created first ("created,
	// but answered 1111 / 2222": the bank's advice is to query the status).
	if answer != nil && (errors.Is(answer, wire.ErrAnswered) || act.Outcome == nil) {
		return nil, answer
	}
	o, err := req.svc.Pay(pay, requisites.OutcomeFrom(act.Outcome))
	if err != nil {
		return nil, err
	}
	if answer != nil {
		return nil, answer
	}
	return orderData(o), nil
}

// handleStatus publishes the order's own facts (its card and account), as
// pay-by-id calls do, so the magic-card rules reach it too.
func (a *Adapter) handleStatus(x *wire.Exchange, req *request) (any, error) {
	id := x.Vars["orderId"]
	o, err := req.svc.Order(id)
	if trimmed, ok := strings.CutSuffix(id, "/"); err != nil && ok {
		id = trimmed // a trailing slash after an id that does not end in one
		o, err = req.svc.Order(id)
	}
	named := rules.FactMap{"order_id": id}
	if err == nil {
		named["pan"], named["account"], named["amount"] = string(o.CardNumber), o.Account, int64(o.Amount)
	}
	if _, ierr := intercept(x, req, named); ierr != nil {
		return nil, ierr
	}
	if err != nil {
		return nil, err
	}
	return orderData(o), nil
}
