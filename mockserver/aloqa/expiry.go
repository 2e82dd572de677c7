package aloqa

import (
	"cmp"
	"slices"
	"time"
)

// holdTTL is how long a hold nobody charges or cancels lives:
// settings.aloqa.hold_ttl (D-18, a sandbox choice: card processing releases
// stale holds; default 30 days). 0 means holds never expire.
func (s *Service) holdTTL() time.Duration { return s.settings.HoldTTL.D() }

// noteHoldLocked tells expireHoldsLocked when a hold placed at `at` is due.
func (s *Service) noteHoldLocked(at time.Time) {
	if ttl := s.holdTTL(); ttl > 0 && at.Add(ttl).Before(s.nextHoldExpiry) {
		s.nextHoldExpiry = at.Add(ttl)
	}
}

// expireHoldsLocked releases every hold older than hold_ttl on the sandbox
// clock: the money goes back to the card, the debit is HOLD_CANCELLED and
// monitoring gets a release entry dated when the hold expired. Like every
// expiry here it happens when the domain is next touched (each operation
// and read calls it first), never by a timer. With hold_ttl 0 nothing
// expires and nothing is scanned.
func (s *Service) expireHoldsLocked() {
	ttl := s.holdTTL()
	now := s.now()
	if ttl <= 0 || now.Before(s.nextHoldExpiry) {
		return
	}
	var due []*Debit
	next := time.Time{}
	for _, d := range s.st.Debits {
		if d.State != DebitHeld {
			continue
		}
		if at := d.At.Add(ttl); now.Before(at) {
			if next.IsZero() || at.Before(next) {
				next = at
			}
			continue
		}
		due = append(due, d)
	}
	slices.SortFunc(due, func(a, b *Debit) int { return cmp.Compare(a.ID, b.ID) }) // ids and refs drawn in a fixed order
	for _, d := range due {
		if err := s.env.Cards.Release(d.PAN, d.Amount); err != nil {
			s.env.Log.Error("aloqa: releasing an expired hold", "id", d.ID, "err", err)
			continue
		}
		d.State = DebitCancelled
		card, _ := s.env.Cards.Get(d.PAN)
		e := s.addEntryLocked(card, entryHoldRelease, d.Amount, false, true, d.Merchant, d.Terminal, d.Refs)
		e.At = d.At.Add(ttl)
	}
	if next.IsZero() {
		next = now.Add(ttl) // no hold is due before one placed now would be
	}
	s.nextHoldExpiry = next
}
