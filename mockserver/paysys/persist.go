package paysys

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Service implements core.Persistent (-state-file). What is saved is the
// mutable state only: the payout balance, every payout with its script, the
// request-id index, the payouts whose money may still come back, the
// transaction_id counter and how far the id stream has been drawn. Vendors,
// wallets, credentials and settings come from the scenario and are rebuilt
// by New. A payout touches no card, so nothing here involves env.Cards; every
// operation that moves money (the PaySys balance) holds s.mu.
var _ core.Persistent = (*Service)(nil)

// snapshotVersion is bumped when the snapshot's shape changes incompatibly.
const snapshotVersion = 1

// maxDraws bounds the id-stream replay on Restore, so a corrupt file cannot
// stall the start (one draw per payout id, payout mx_id and check mx_id).
const maxDraws = 1 << 30

type snapshot struct {
	Version  int              `json:"version"`
	Balance  core.Tiyin       `json:"balance_tiyin"`
	NextTx   int64            `json:"last_transaction_id"` // the latest transaction_id issued (or the counter's start)
	Draws    int64            `json:"id_draws"`            // 32-hex ids drawn from the seeded stream since New
	Payouts  []payoutSnap     `json:"payouts"`             // by transaction_id
	Requests map[string]int64 `json:"requests"`            // request id (idempotency key) → transaction_id
	Open     []int64          `json:"open"`                // payouts whose script may still return the money, sorted
}

type payoutSnap struct {
	TransactionID int64      `json:"transaction_id"`
	ID            string     `json:"id"`
	Tracker       string     `json:"mx_id"`
	VendorID      int64      `json:"vendor_id"`
	Account       string     `json:"account"`
	Amount        core.Tiyin `json:"amount_tiyin"`
	Created       string     `json:"created"` // RFC 3339 (nanoseconds kept)
	Steps         []stepSnap `json:"steps"`   // the script in force (a rule may have overridden the wallet's)
}

type stepSnap struct {
	Status int                `json:"status"`
	For    scenarios.Duration `json:"for"`
}

// LockState takes the mutex every operation holds.
func (s *Service) LockState() { s.mu.Lock() }

// UnlockState releases LockState.
func (s *Service) UnlockState() { s.mu.Unlock() }

// SnapshotLocked returns the mutable state as JSON; s.mu must be held. It
// changes nothing (no settling), so the snapshot is exactly the state the
// locked operations left; lazy settlement resumes after Restore.
func (s *Service) SnapshotLocked() ([]byte, error) {
	sn := snapshot{
		Version:  snapshotVersion,
		Balance:  s.balance,
		NextTx:   s.nextTx,
		Draws:    s.draws,
		Payouts:  make([]payoutSnap, 0, len(s.payouts)),
		Requests: make(map[string]int64, len(s.byRequest)),
		Open:     make([]int64, 0, len(s.open)),
	}
	for _, p := range s.payouts {
		ps := payoutSnap{
			TransactionID: p.TransactionID, ID: p.ID, Tracker: p.Tracker,
			VendorID: p.vendor, Account: p.account, Amount: p.Amount,
			Created: p.Created.UTC().Format(time.RFC3339Nano),
			Steps:   make([]stepSnap, len(p.steps)),
		}
		for i, st := range p.steps {
			ps.Steps[i] = stepSnap{Status: st.Status, For: scenarios.Duration(st.For)}
		}
		sn.Payouts = append(sn.Payouts, ps)
	}
	slices.SortFunc(sn.Payouts, func(a, b payoutSnap) int { return cmp.Compare(a.TransactionID, b.TransactionID) })
	for key, p := range s.byRequest {
		sn.Requests[key] = p.TransactionID
	}
	for id := range s.open {
		sn.Open = append(sn.Open, id)
	}
	slices.Sort(sn.Open)
	return json.Marshal(sn)
}

// Restore loads a snapshot into a domain built by New from the same scenario
// and env. Everything is decoded and checked before anything is replaced, so
// a bad snapshot returns an error and leaves the domain as it was.
func (s *Service) Restore(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var sn snapshot
	if err := dec.Decode(&sn); err != nil {
		return fmt.Errorf("paysys snapshot: %w", err)
	}
	if dec.More() {
		return errors.New("paysys snapshot: trailing data")
	}
	if sn.Version != snapshotVersion {
		return fmt.Errorf("paysys snapshot: version %d, want %d", sn.Version, snapshotVersion)
	}
	if sn.Draws < 0 || sn.Draws > maxDraws {
		return fmt.Errorf("paysys snapshot: id_draws %d out of range", sn.Draws)
	}
	if sn.Balance < 0 {
		return fmt.Errorf("paysys snapshot: negative balance %d", sn.Balance)
	}
	payouts := make(map[int64]*payout, len(sn.Payouts))
	ids := make(map[string]bool, len(sn.Payouts))
	for _, ps := range sn.Payouts {
		p, err := ps.payout()
		if err != nil {
			return fmt.Errorf("paysys snapshot: payout %d: %w", ps.TransactionID, err)
		}
		if payouts[p.TransactionID] != nil {
			return fmt.Errorf("paysys snapshot: transaction_id %d twice", p.TransactionID)
		}
		if ids[p.ID] {
			return fmt.Errorf("paysys snapshot: payout id %s twice", p.ID)
		}
		if p.TransactionID > sn.NextTx {
			return fmt.Errorf("paysys snapshot: transaction_id %d above the counter %d", p.TransactionID, sn.NextTx)
		}
		payouts[p.TransactionID] = p
		ids[p.ID] = true
	}
	byRequest := make(map[string]*payout, len(sn.Requests))
	for key, id := range sn.Requests {
		p, ok := payouts[id]
		if !ok || key == "" {
			return fmt.Errorf("paysys snapshot: request %q names unknown transaction_id %d", key, id)
		}
		byRequest[key] = p
	}
	open := make(map[int64]*payout, len(sn.Open))
	for _, id := range sn.Open {
		p, ok := payouts[id]
		if !ok {
			return fmt.Errorf("paysys snapshot: open transaction_id %d unknown", id)
		}
		open[id] = p
	}
	// The id stream: rebuilt from the seed and advanced as far as it had
	// been drawn, so ids continue exactly as if there had been no restart.
	f, _ := newFaker(s.env.Seed)
	for range sn.Draws {
		f.Uint64()
		f.Uint64()
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.balance = sn.Balance
	s.nextTx = sn.NextTx
	s.faker, s.draws = f, sn.Draws
	s.payouts, s.byRequest, s.open = payouts, byRequest, open
	return nil
}

func (ps payoutSnap) payout() (*payout, error) {
	created, err := time.Parse(time.RFC3339Nano, ps.Created)
	if err != nil {
		return nil, err
	}
	if len(ps.ID) != 32 || len(ps.Tracker) != 32 {
		return nil, errors.New("id and mx_id must be 32 hex digits")
	}
	if ps.Amount <= 0 {
		return nil, fmt.Errorf("amount %d", ps.Amount)
	}
	if len(ps.Steps) == 0 {
		return nil, errors.New("no status steps")
	}
	steps := make([]Step, len(ps.Steps))
	for i, st := range ps.Steps {
		if st.For < 0 {
			return nil, fmt.Errorf("step %d lasts %v", i, st.For.D())
		}
		steps[i] = Step{Status: st.Status, For: st.For.D()}
	}
	return &payout{vendor: ps.VendorID, account: ps.Account, steps: steps, Payout: Payout{
		ID: ps.ID, TransactionID: ps.TransactionID, Amount: ps.Amount, Created: created.UTC(), Tracker: ps.Tracker,
	}}, nil
}
