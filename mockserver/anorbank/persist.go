package anorbank

import (
	"errors"
	"fmt"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
)

// Service implements core.Persistent (-state-file). Every money move
// (core.Cards Debit, Credit, Reserve, Release, Capture) runs under s.mu, so
// a snapshot taken under LockState never sees half an operation.
var _ core.Persistent = (*Service)(nil)

// snapshotVersion is bumped when the snapshot's shape changes. Version 2:
// the state struct itself, random streams as their PCG position.
const snapshotVersion = 2

// LockState takes the mutex every operation holds.
func (s *Service) LockState() { s.mu.Lock() }

// UnlockState releases it.
func (s *Service) UnlockState() { s.mu.Unlock() }

// SnapshotLocked writes the state as JSON; the caller holds LockState.
// Maps marshal sorted by key, so the same state is the same bytes.
func (s *Service) SnapshotLocked() ([]byte, error) {
	return core.EncodeSnapshot(snapshotVersion, &s.st)
}

// Restore loads a snapshot into a freshly built Service (same scenario,
// same env). It is all or nothing: on any error the Service is unchanged.
func (s *Service) Restore(data []byte) error {
	var st state
	if err := core.DecodeSnapshot(data, snapshotVersion, &st); err != nil {
		return fmt.Errorf("anorbank: %w", err)
	}
	byTran, err := st.check()
	if err != nil {
		return fmt.Errorf("anorbank snapshot: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st, s.byTranID, s.due = st, byTran, time.Time{}
	s.faker = rng.NewFake(s.st.Faker)
	return nil
}

// check refuses a state no sequence of operations leads to, and rebuilds
// the agentTranId index.
func (st *state) check() (map[string]BillID, error) {
	if st.Faker == nil || st.OTP == nil {
		return nil, errors.New("no random stream positions")
	}
	// A map written as null is an empty one.
	st.Access, st.Refresh = orEmpty(st.Access), orEmpty(st.Refresh)
	st.Bills, st.BindReqs, st.Bound = orEmpty(st.Bills), orEmpty(st.BindReqs), orEmpty(st.Bound)
	st.ExtPays, st.SMSDay = orEmpty(st.ExtPays), orEmpty(st.SMSDay)
	if st.Deposit < 0 {
		return nil, fmt.Errorf("deposit %d < 0", st.Deposit)
	}
	byTran := make(map[string]BillID, len(st.Bills))
	for id, b := range st.Bills {
		switch {
		case b == nil || b.ID != id || id <= 0 || int64(id) > st.NextBill:
			return nil, fmt.Errorf("bill %d: id out of range (next %d) or not its key", id, st.NextBill)
		case transitions[b.State] == nil:
			return nil, fmt.Errorf("bill %d: state %q", id, b.State)
		case b.Amount < 0 || b.Held < 0 || b.Original < 0 || b.ToppedUp < 0 || b.Settled < 0:
			return nil, fmt.Errorf("bill %d: negative amount", id)
		}
		k := tranKey(b.Agent, b.AgentTranID)
		if _, dup := byTran[k]; dup || b.AgentTranID == "" {
			return nil, fmt.Errorf("bill %d: agentTranId %q empty or repeated", id, b.AgentTranID)
		}
		byTran[k] = id
	}
	for id, r := range st.BindReqs {
		if r == nil || r.ID != id || id > st.NextBind || r.Challenge == nil {
			return nil, fmt.Errorf("send-otp %d: out of range (next %d) or no challenge", id, st.NextBind)
		}
	}
	for k, r := range st.ExtPays {
		if k != tranKey(r.Agent, r.AgentTranID) || r.BmID <= 0 || r.BmID > st.NextExt {
			return nil, fmt.Errorf("ext payment %q: not its key, or bmId out of range (next %d)", k, st.NextExt)
		}
	}
	return byTran, nil
}

func orEmpty[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return map[K]V{}
	}
	return m
}
