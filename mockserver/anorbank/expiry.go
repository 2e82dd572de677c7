package anorbank

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// deadline is when the sandbox clock next changes b by itself (zero: never).
func (s *Service) deadline(b *Bill) time.Time {
	switch {
	case b.State == BillCheckOK && b.Challenge != nil:
		return b.Challenge.ExpiresAt() // D-17
	case b.State == BillHoldSuccess && !b.HeldAt.IsZero() && s.settings.HoldTTL > 0:
		// D-18: a hold nobody confirms or reverses is released hold_ttl
		// (default 30 days, sandbox clock) after it was placed; 0 = never.
		return b.HeldAt.Add(s.settings.HoldTTL.D())
	case b.State == BillSuccess:
		return b.ReverseAt // 1005's pending refund
	}
	return time.Time{}
}

// settleLocked applies what the sandbox clock has made due, lazily, when
// the bill is touched (never by timers): a CHECK_OK bill dies when its code
// expires (D-17), a stale hold is released (D-18), the pending refund of
// `billing error will reverse` happens.
func (s *Service) settleLocked(b *Bill, now time.Time) {
	at := s.deadline(b)
	if at.IsZero() || now.Before(at) {
		return
	}
	switch b.State {
	case BillCheckOK:
		s.dieLocked(b, true)
	case BillHoldSuccess:
		if s.env.Cards.Release(b.PAN, b.Held) != nil {
			return // the card left the ledger: nothing to release
		}
		b.Held = 0
		b.on(EvDied)
	case BillSuccess:
		if s.env.Cards.Credit(b.PAN, b.Settled) != nil {
			return // the card left the ledger: nothing to refund to
		}
		b.Settled = 0
		b.on(EvRefunded)
		b.ReverseAt = time.Time{}
	}
}

// dieLocked ends a bill that can no longer be paid: its code expired
// (D-17, expired) or its tries ran out. status shows it CANCELLED.
func (s *Service) dieLocked(b *Bill, expired bool) {
	b.on(EvDied)
	b.Success, b.Expired = false, expired
	if b.Challenge != nil && !b.Challenge.Done() {
		b.Challenge = nil
	}
}

// dueLocked notes b's deadline, so that sweepLocked knows when to look.
func (s *Service) dueLocked(b *Bill) {
	if at := s.deadline(b); !at.IsZero() && at.Before(s.due) {
		s.due = at
	}
}

// sweepLocked settles every bill whose deadline has passed, so that reads
// not naming a bill (a card's balance in the state view, a new check on the
// same card) see the money a stale hold or a pending refund gave back.
func (s *Service) sweepLocked(now time.Time) {
	if now.Before(s.due) {
		return
	}
	s.due = time.Unix(1<<62, 0)
	for _, b := range s.st.Bills {
		s.settleLocked(b, now)
		s.dueLocked(b)
	}
}

// Claim marks the agent's bill busy for the one operation a request runs
// on it (the adapter holds the claim across rules, delays and the
// operation). Another operation on the bill meanwhile is #46 `object
// locked`, as the reference lists for pay, hold, confirm, reverse and
// cancel. An unknown bill is not claimed: the operation answers for it.
func (s *Service) Claim(agent string, id BillID) (release func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.st.Bills[id]; !ok || b.Agent != agent {
		return func() {}, nil
	}
	if s.busy[id] {
		return nil, core.Failf(CodeObjectLocked, "bill %d: another operation is running", id)
	}
	s.busy[id] = true
	return func() {
		s.mu.Lock()
		delete(s.busy, id)
		s.mu.Unlock()
	}, nil
}
