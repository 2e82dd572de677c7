package anorbank

import (
	"math"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// TopUpCap is how much may be added in total to a hold whose primary amount
// is original: floor(limit × original) in tiyin (AN-13). The limit is
// rounded to basis points first, so 0.30 × 1000 is exactly 300, never 299
// from float noise.
func TopUpCap(original core.Tiyin, limit float64) core.Tiyin {
	bp := int64(math.Round(limit * 10000))
	return core.Tiyin(int64(original) * bp / 10000)
}

// Hold reserves the bill's amount on the card with the client's OTP.
func (s *Service) Hold(agent string, id BillID, code string) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	b, card, err := s.authorizeLocked(agent, id, OpHold, code, now)
	if err != nil {
		return Bill{}, err
	}
	if err := ledgerErr(s.env.Cards.Reserve(card.PAN, b.Amount)); err != nil {
		return Bill{}, err
	}
	b.Held, b.Original = b.Amount, b.Amount
	b.HeldAt = now
	b.commit()
	s.dueLocked(b.Bill)
	s.stamp(b.Bill, now)
	return b.out(), nil
}

// TopUp adds inc to a hold without OTP (hold/v2/more). AN-13: inc is the
// increment; Σ increments ≤ TopUpCap(original hold); the answer's amount is
// the new total held. ref must name the bill's own card.
func (s *Service) TopUp(agent string, id BillID, inc core.Tiyin, ref CardRef) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if inc <= 0 {
		return Bill{}, core.Failf(CodeInvalidParams, "amount must be > 0")
	}
	b, err := s.billFor(agent, id, OpTopUp, now)
	if err != nil {
		return Bill{}, err
	}
	card, err := s.lookupCard(ref, useMove, now)
	if err != nil {
		return Bill{}, err
	}
	if card.PAN != b.PAN {
		return Bill{}, core.Failf(CodeBillNotValid, "the bill was checked with another card")
	}
	if inc > TopUpCap(b.Original, s.settings.HoldTopUpLimit)-b.ToppedUp { // inc may be int64-max: no overflow
		return Bill{}, core.Failf(CodeLimitExceeded, "top-ups over the cap")
	}
	if err := perOperation(card, inc); err != nil {
		return Bill{}, err
	}
	if err := ledgerErr(s.env.Cards.Reserve(card.PAN, inc)); err != nil {
		return Bill{}, err
	}
	b.ToppedUp += inc
	b.Held += inc
	b.Amount = b.Held
	b.commit()
	s.stamp(b.Bill, now)
	return b.out(), nil
}

// ReverseHoldPartially releases rev of the hold; the answer's amount is
// what is still held. Releasing all (or more) is `invalid params`: that is
// hold/v2/reverse's job.
func (s *Service) ReverseHoldPartially(agent string, id BillID, rev core.Tiyin) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	b, err := s.billFor(agent, id, OpPartialReverse, now)
	if err != nil {
		return Bill{}, err
	}
	if rev <= 0 || rev >= b.Held {
		return Bill{}, core.Failf(CodeInvalidParams, "reverseAmount must be in (0, held)")
	}
	if err := s.env.Cards.Release(b.PAN, rev); err != nil {
		return Bill{}, ledgerErr(err)
	}
	b.Held -= rev
	b.Amount = b.Held
	b.commit()
	s.stamp(b.Bill, now)
	return b.out(), nil
}

// ConfirmHold captures what is held (after top-ups and partial reverses).
func (s *Service) ConfirmHold(agent string, id BillID) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	b, err := s.billFor(agent, id, OpConfirm, now)
	if err != nil {
		return Bill{}, err
	}
	if b.Billing == BillingError {
		// No debit: the hold is released and the bill ends.
		if err := s.env.Cards.Release(b.PAN, b.Held); err != nil {
			return Bill{}, ledgerErr(err)
		}
		b.Held = 0
		return Bill{}, s.billingRefusesLocked(b.Bill, now)
	}
	if err := s.env.Cards.Capture(b.PAN, b.Held); err != nil {
		return Bill{}, ledgerErr(err)
	}
	b.Settled += b.Held
	b.Amount, b.Held = b.Held, 0
	b.commit()
	s.stamp(b.Bill, now)
	return s.billingLocked(b.Bill, now)
}

// ReverseHold releases the whole hold (hold/v2/reverse). A confirmed hold
// is cancelled with cancel/v3 instead (§3.12).
func (s *Service) ReverseHold(agent string, id BillID) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	b, err := s.billFor(agent, id, OpReverse, now)
	if err != nil {
		return Bill{}, err
	}
	if err := s.env.Cards.Release(b.PAN, b.Held); err != nil {
		return Bill{}, ledgerErr(err)
	}
	b.Amount, b.Held = b.Held, 0
	b.commit()
	s.stamp(b.Bill, now)
	return b.out(), nil
}
