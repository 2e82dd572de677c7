package anorbank

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Recipient billing variants (scenario anorbank.recipients[].billing,
// SCENARIOS.md §3: recipients 1003–1006).
const (
	BillingOK               = "ok"
	BillingError            = "error"              // billing refuses: no debit
	BillingErrorReversed    = "error_reversed"     // debited, refunded at once
	BillingErrorWillReverse = "error_will_reverse" // debited, refunded after reverse_after
	BillingErrorNeedReverse = "error_need_reverse" // debited, SUCCESS until cancel/v3
)

// billingRefusesLocked handles the `billing error` recipient before any money
// moves: the bill is finished (CANCELLED, unsuccessful) with nothing debited.
func (s *Service) billingRefusesLocked(b *Bill, now time.Time) error {
	if b.Billing != BillingError {
		return nil
	}
	b.on(EvBillingRefused)
	b.Success = false
	s.stamp(b, now)
	return core.Fail(CodeBillingError)
}

// billingLocked runs the recipient's billing after the money has left the
// card (pay, confirm). The money outcome is applied before the error is
// answered, so the client's balance shows what the error says.
func (s *Service) billingLocked(b *Bill, now time.Time) (Bill, error) {
	switch b.Billing {
	case BillingErrorReversed:
		if err := s.env.Cards.Credit(b.PAN, b.Settled); err != nil {
			return Bill{}, ledgerErr(err)
		}
		b.Settled = 0
		b.on(EvRefunded)
		b.Success = false
		return Bill{}, core.Fail(CodeBillingErrorReversed)
	case BillingErrorWillReverse:
		b.Success = false
		b.ReverseAt = now.Add(s.settings.ReverseAfter.D())
		s.dueLocked(b)
		return Bill{}, core.Fail(CodeBillingErrorWillRev)
	case BillingErrorNeedReverse:
		b.Success = false
		return Bill{}, core.Fail(CodeBillingErrorNeedRev)
	}
	return b.out(), nil
}

// Cancel refunds a paid bill or a confirmed hold (cancel/v3). The role
// check is the adapter's (AN-16, D-1: an auth error).
func (s *Service) Cancel(agent string, id BillID) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	b, err := s.billFor(agent, id, OpCancel, now)
	if err != nil {
		return Bill{}, err
	}
	if err := s.env.Cards.Credit(b.PAN, b.Settled); err != nil {
		return Bill{}, ledgerErr(err)
	}
	b.Settled = 0
	b.commit()
	b.Success = true
	b.ReverseAt = time.Time{}
	s.stamp(b.Bill, now)
	return b.out(), nil
}
