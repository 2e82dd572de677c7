package aloqa

import (
	"cmp"
	"slices"
	"time"
)

// HoldTTL is how long a hold nobody charges or cancels lives (D-18, a
// sandbox choice: card processing releases stale holds). The scenario has
// no settings.aloqa.hold_ttl knob yet, so it is the decision's default.
const HoldTTL = 30 * 24 * time.Hour

// expireHoldsLocked releases every hold older than HoldTTL on the sandbox
// clock: the money goes back to the card, the debit is HOLD_CANCELLED and
// monitoring gets a release entry dated when the hold expired. Like every
// expiry here it happens when the domain is next touched (each operation
// and read calls it first), never by a timer.
func (s *Service) expireHoldsLocked() {
	now := s.now()
	if now.Before(s.nextHoldExpiry) {
		return
	}
	var due []*Debit
	next := time.Time{}
	for _, d := range s.st.Debits {
		if d.State != DebitHeld {
			continue
		}
		if at := d.At.Add(HoldTTL); now.Before(at) {
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
		e.At = d.At.Add(HoldTTL)
	}
	if next.IsZero() {
		next = now.Add(HoldTTL) // no hold is due before one placed now would be
	}
	s.nextHoldExpiry = next
}
