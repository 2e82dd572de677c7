package paysys

import (
	"errors"
	"fmt"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// A snapshot (core.Persisted, -state-file) is s.st, the mutable state, as is: the payout balance, every payout with its
// script, the transaction_id counter and the id stream's position. Vendors,
// wallets, credentials and settings come from the scenario and are rebuilt
// by New; the indexes are rebuilt from the payouts. A payout touches no
// card, so nothing here involves env.Cards; every operation that moves
// money (the PaySys balance) holds s.mu.

// snapshotVersion is bumped when the snapshot's shape changes incompatibly
// (2: the state struct itself, the id stream as a PCG position).
const snapshotVersion = 2

// Restore loads a snapshot into a domain built by New from the same scenario
// and env; all or nothing (core.Persisted.RestoreWith). The indexes are
// rebuilt from the payouts; lazy settlement resumes on the restored clock.
func (s *Service) Restore(data []byte) error {
	return s.RestoreWith(data, state{}, (*state).check, s.index)
}

// check is what a restored state must satisfy for the domain's invariants:
// ids unique and issued, amounts positive, scripts that can be walked.
func (st *state) check() error {
	if st.IDs == nil {
		return errors.New("no id stream position")
	}
	if st.Balance < 0 {
		return fmt.Errorf("negative balance %d", st.Balance)
	}
	ids := make(map[string]bool, len(st.Payouts))
	prev := int64(0)
	for _, p := range st.Payouts {
		if p == nil {
			return errors.New("a null payout")
		}
		if err := p.check(); err != nil {
			return fmt.Errorf("payout %d: %w", p.TransactionID, err)
		}
		if p.TransactionID <= prev || p.TransactionID > st.LastTx {
			return fmt.Errorf("transaction_id %d out of order or above the counter %d", p.TransactionID, st.LastTx)
		}
		if ids[p.ID] {
			return fmt.Errorf("payout id %s twice", p.ID)
		}
		prev, ids[p.ID] = p.TransactionID, true
	}
	return nil
}

func (p *payout) check() error {
	if len(p.ID) != 32 || len(p.Tracker) != 32 {
		return errors.New("id and mx_id must be 32 hex digits")
	}
	if p.Amount <= 0 {
		return fmt.Errorf("amount %d", p.Amount)
	}
	if len(p.Steps) == 0 {
		return errors.New("no status steps")
	}
	for i, st := range p.Steps {
		if st.For < 0 {
			return fmt.Errorf("step %d lasts %v", i, st.For)
		}
	}
	return nil
}

// SkipIDs implements core.IDSkipper: after a crash, no transaction_id,
// details.id or mx_id answered before it is issued again (issue 13.6).
func (s *Service) SkipIDs(n int64, epoch uint64) {
	s.SkipWith(func(st *state) {
		core.SkipCounters(n, &st.LastTx)
		st.IDs.Rekey(epoch)
	})
}
