package anorbank

import (
	"errors"
	"fmt"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
)

// snapshotVersion is bumped when the snapshot's shape changes. Version 2:
// the state struct itself, random streams as their PCG position. The
// snapshot (core.Persisted, -state-file) is consistent because every money
// move (core.Cards Debit, Credit, Reserve, Release, Capture) runs under
// s.mu, so one taken under LockState never sees half an operation.
const snapshotVersion = 2

// Restore loads a snapshot into a freshly built Service (same scenario,
// same env). It is all or nothing: on any error the Service is unchanged.
func (s *Service) Restore(data []byte) error {
	var byTran map[string]BillID
	return s.RestoreWith(data, state{}, func(st *state) (err error) {
		byTran, err = st.check()
		return err
	}, func() {
		s.byTranID, s.due = byTran, time.Time{}
		s.faker = rng.NewFake(s.st.Faker)
	})
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

// SkipIDs implements core.IDSkipper: after a crash, no bill, send-otp,
// ext payment or error id answered before it is issued again (issue 13.6).
func (s *Service) SkipIDs(n int64, epoch uint64) {
	s.SkipWith(func(st *state) {
		core.SkipCounters(n, &st.NextBill, &st.NextBind, &st.NextExt, &st.NextErr)
		st.Faker.Rekey(epoch)
	})
}
