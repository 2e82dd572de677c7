package aloqa

import (
	"errors"
	"fmt"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
)

// snapshotVersion is bumped when the snapshot's shape changes incompatibly
// (2: the state struct itself, streams as PCG positions).
const snapshotVersion = 2

// state is everything an AloqaGateway namespace changes. A new field is
// one edit here (with its json tag) and its test: the snapshot follows.
type state struct {
	LastID    TxID                       `json:"last_transaction_id"` // bindings, debits and transfers share it
	IDs       *rng.Source                `json:"id_stream"`           // ids, tokens, references
	OTP       *otp.Generator             `json:"otp_stream"`
	Bindings  map[TxID]*binding          `json:"bindings"`
	Tokens    map[CardToken]*tokenRecord `json:"tokens"`
	Debits    map[TxID]*Debit            `json:"debits"`
	Transfers map[TxID]*Transfer         `json:"transfers"`
	Entries   []*Entry                   `json:"monitoring"` // oldest first
	Awaiting  map[core.PAN]TxID          `json:"awaiting"`   // the card's latest SMS-confirmed debit (-32364)
	SMSSent   map[string]int             `json:"sms_sent"`   // by smsKey
	Settled   map[string]core.Tiyin      `json:"merchant_settled_tiyin"`
	Fees      core.Tiyin                 `json:"fees_tiyin"` // P2P commissions
}

// A snapshot (core.Persisted, -state-file) is the state struct. Credentials, merchants, terminals, fee rates, limits and OTP
// settings come from the scenario and are rebuilt by New. Every operation
// that moves money on env.Cards runs under s.mu, so a snapshot taken under
// LockState never sees half an operation.

func newState(ids *rng.Source, codes *otp.Generator) state {
	return state{
		IDs: ids, OTP: codes,
		Bindings: map[TxID]*binding{}, Tokens: map[CardToken]*tokenRecord{}, Debits: map[TxID]*Debit{},
		Transfers: map[TxID]*Transfer{}, Entries: []*Entry{}, Awaiting: map[core.PAN]TxID{},
		SMSSent: map[string]int{}, Settled: map[string]core.Tiyin{},
	}
}

// Restore loads a snapshot into a domain built by New from the same scenario
// and env; all or nothing (core.Persisted.RestoreWith). The monitoring
// indexes are rebuilt from the entries.
func (s *Service) Restore(data []byte) error {
	return s.RestoreWith(data, newState(nil, nil), (*state).check, func() {
		s.nextHoldExpiry = time.Time{}
		s.entryByID, s.entryPAN = map[string]*Entry{}, map[core.PAN][]*Entry{}
		for i, e := range s.st.Entries {
			e.seq = i
			s.indexEntryLocked(e)
		}
	})
}

// check refuses what would make an operation fail or panic later: missing
// streams, null records, a state that needs a challenge without one, an id
// beyond the counter (it would be issued again), an awaited debit that is not one.
func (st *state) check() error {
	if st.IDs == nil || st.OTP == nil {
		return errors.New("a seeded stream is missing")
	}
	issued := func(what string, id TxID, ok bool) error {
		if !ok || id <= 0 || id > st.LastID {
			return fmt.Errorf("%s %d: missing, or beyond the counter %d", what, id, st.LastID)
		}
		return nil
	}
	for id, b := range st.Bindings {
		if err := issued("binding", id, b != nil && b.Challenge != nil); err != nil {
			return err
		}
	}
	for id, d := range st.Debits {
		if err := issued("debit", id, d != nil && d.ID == id && (d.State != DebitAwaiting || d.Challenge != nil)); err != nil {
			return err
		}
	}
	for id, t := range st.Transfers {
		if err := issued("transfer", id, t != nil && t.ID == id && (t.State != TransferAwaiting || t.Challenge != nil)); err != nil {
			return err
		}
	}
	for tok, t := range st.Tokens {
		if t == nil {
			return fmt.Errorf("token %s: null", tok)
		}
	}
	for pan, id := range st.Awaiting {
		if d := st.Debits[id]; d == nil || d.PAN != pan || d.Challenge == nil {
			return fmt.Errorf("card awaits debit %d, which is not an SMS debit on that card", id)
		}
	}
	ids := map[string]bool{}
	for i, e := range st.Entries {
		if e == nil || e.ID == "" || ids[e.ID] || len(e.Refs.RefNum) < 6 {
			return fmt.Errorf("monitoring entry %d: null, without id or references, or twice", i)
		}
		ids[e.ID] = true
	}
	return nil
}

// indexEntryLocked adds e to the derived indexes.
func (s *Service) indexEntryLocked(e *Entry) {
	s.entryByID[e.ID] = e
	s.entryPAN[e.PAN] = append(s.entryPAN[e.PAN], e)
}

// SkipIDs implements core.IDSkipper: after a crash, no transaction id,
// token or reference answered before it is issued again (issue 13.6).
func (s *Service) SkipIDs(n int64, epoch uint64) {
	s.SkipWith(func(st *state) {
		core.SkipCounters(n, &st.LastID)
		st.IDs.Rekey(epoch)
	})
}
