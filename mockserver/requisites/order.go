package requisites

import (
	"fmt"
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Order is a payment order.
type Order struct {
	Payment
	DocID     string    `json:"doc_id"`
	Status    Status    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	SettleAt  time.Time `json:"settle_at"`
	Final     Status    `json:"final,omitempty"` // what it becomes at SettleAt; "" = stays Введен
}

// Outcome scripts how an order settles (a rule's `outcome`). The zero value
// is the default: Проведен after settle_after.
type Outcome struct {
	Final Status // StatusPosted or StatusDeleted; ignored when Stay
	Stay  bool   // `final_status: null`: the order stays Введен
}

// OutcomeFrom reads a rule's outcome map: `final_status` null keeps the
// order Введен, "Удален" refuses it (refunded), anything else posts it.
func OutcomeFrom(m map[string]any) Outcome {
	v, ok := m["final_status"]
	switch {
	case !ok:
		return Outcome{}
	case v == nil:
		return Outcome{Stay: true}
	case v == string(StatusDeleted):
		return Outcome{Final: StatusDeleted}
	}
	return Outcome{}
}

// Pay applies a validated payment once: a repeated orderId never creates a
// second order (RQ-1, settings.duplicate_order_code); a balance below
// amount + commission is settings.insufficient_balance_code (RQ-8). On
// success the service balance falls by amount + commission and an outgoing
// statement entry appears; the order is Введен.
func (s *Service) Pay(p Payment, out Outcome) (Order, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.env.Clock.Now()
	s.settleLocked(now)
	if _, dup := s.st.Orders[p.OrderID]; dup {
		return Order{}, core.Failf(codeText(s.settings.DuplicateOrderCode), "orderId %q already used", p.OrderID)
	}
	if bal := s.st.Balances[p.ServiceID]; p.Total() > bal {
		return Order{}, core.Failf(codeText(s.settings.InsufficientBalanceCode), "balance %d below %d", bal, p.Total())
	}
	o := &Order{Payment: p, Status: StatusEntered, CreatedAt: now, SettleAt: now.Add(s.settings.SettleAfter.D())}
	switch {
	case out.Stay:
	case out.Final == StatusDeleted:
		o.Final = StatusDeleted
	default:
		o.Final = StatusPosted
	}
	o.DocID = s.docIDLocked(p.Budget)
	s.st.Balances[p.ServiceID] -= p.Total()
	s.st.Orders[p.OrderID] = o
	if o.Final != "" { // "" stays Введен for good: nothing will settle
		s.pending.push(o)
	}
	s.appendOutgoingLocked(s.services[p.ServiceID], o)
	return *o, nil
}

// Order returns the order created with orderID; unknown is 1008.
func (s *Service) Order(orderID string) (Order, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked(s.env.Clock.Now())
	o, ok := s.st.Orders[OrderID(orderID)]
	if !ok {
		return Order{}, core.Failf(CodeNoData, "orderId %q unknown", orderID)
	}
	return *o, nil
}

// settleLocked moves every due Введен order to its final status (lazily,
// when state is touched, so clock jumps are exact). A refused order gives
// its debit back.
func (s *Service) settleLocked(now time.Time) {
	s.pending.settleDue(now, func(o *Order) {
		o.Status = o.Final
		if o.Final == StatusDeleted {
			s.st.Balances[o.ServiceID] += o.Total()
		}
	})
}

// docIDLocked: RQ-10, `NNNN_NNNNNNNNNN` for payment, 10 digits for the budget.
func (s *Service) docIDLocked(budget bool) string {
	if budget {
		s.st.LastBudgetDoc++
		return strconv.FormatInt(s.st.LastBudgetDoc, 10)
	}
	s.st.LastDoc++
	return fmt.Sprintf("%04d_%010d", s.branch, s.st.LastDoc)
}

// codeText renders a configured numeric code as catalogue text.
func codeText(code int) string {
	if code == 0 {
		return CodeSystem
	}
	return strconv.Itoa(code)
}
