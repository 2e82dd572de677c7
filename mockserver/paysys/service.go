package paysys

import (
	"fmt"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "paysys"

// Service is one namespace's PaySys. One mutex guards the balance and the
// payouts, so a payout checks and debits atomically and concurrent payouts
// never overdraw the balance. A cash payout touches no card, so the money
// lives in the PaySys balance here, not in the shared card ledger.
type Service struct {
	core.Persisted[state] // LockState, SnapshotLocked over mu and st (persist.go)
	mu                    sync.Mutex
	env                   core.Env
	settings              scenarios.PaysysSettings
	creds                 []scenarios.PaysysCredential
	vendors               map[int64]scenarios.PaysysVendor
	wallets               map[walletKey][]Step

	st state // the mutable state, snapshotted as is (persist.go)

	// Indexes derived from st.Payouts, rebuilt by index() after a restore.
	byTx map[int64]*payout // by transaction_id
	open map[int64]*payout // payouts whose script still returns money
}

// state is everything that changes after New: a new field here is saved
// and restored with no other edit (persist.go checks what must hold).
type state struct {
	Balance core.Tiyin  `json:"balance_tiyin"`       // the PaySys payout balance (scenario paysys.balance)
	LastTx  int64       `json:"last_transaction_id"` // the latest transaction_id issued (or the counter's start)
	IDs     *rng.Source `json:"ids"`                 // the id stream (details.id, mx_id)
	Payouts []*payout   `json:"payouts"`             // in transaction_id order
}

type walletKey struct {
	vendor  int64
	account string
}

// Step is one scripted status: Status for For, then the next step; the last
// step is final (For ignored).
type Step struct {
	Status int           `json:"status"`
	For    time.Duration `json:"for_ns,omitempty"`
}

// defaultSteps: §3, a cash payout completes at once unless scripted.
var defaultSteps = []Step{{Status: StatusCompleted}}

// idStream is PaySys's own stream constant ("pays"), so draws elsewhere
// never shift its ids.
const idStream = 0x70617973

// New builds the namespace's PaySys from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	ids := rng.New(env.Seed, idStream)
	s := &Service{
		env:      env,
		settings: sc.Settings.Paysys,
		creds:    sc.Credentials.Paysys,
		vendors:  map[int64]scenarios.PaysysVendor{},
		wallets:  map[walletKey][]Step{},
		// SCENARIOS.md §2: transaction_id has 7 digits.
		st: state{Balance: core.Tiyin(sc.Paysys.Balance), IDs: ids, LastTx: 2_000_000 + int64(ids.Uint64()%6_000_001)},
	}
	s.Persisted = core.NewPersisted("paysys", snapshotVersion, &s.mu, &s.st)
	s.index()
	for _, v := range sc.Paysys.Vendors {
		s.vendors[v.ID] = v
	}
	for _, w := range sc.Paysys.Wallets {
		s.wallets[walletKey{w.VendorID, w.Account}] = StepsOf(w.Statuses)
	}
	return s
}

// index rebuilds the derived indexes from s.st.
func (s *Service) index() {
	s.byTx = make(map[int64]*payout, len(s.st.Payouts))
	s.open = map[int64]*payout{}
	for _, p := range s.st.Payouts {
		s.byTx[p.TransactionID] = p
		if !p.Returned && scriptReturns(p.Steps) {
			s.open[p.TransactionID] = p
		}
	}
}

// StepsOf converts scenario status steps.
func StepsOf(in []scenarios.StatusStep) []Step {
	if len(in) == 0 {
		return defaultSteps
	}
	out := make([]Step, len(in))
	for i, st := range in {
		out[i] = Step{Status: st.Status, For: st.For.D()}
	}
	return out
}

// hex32Locked is a 32-hex-digit id (details.id, mx_id; SCENARIOS.md §2).
func (s *Service) hex32Locked() string {
	return fmt.Sprintf("%016x%016x", s.st.IDs.Uint64(), s.st.IDs.Uint64())
}

// Tracker returns a fresh request tracker (mx_id, PS-5).
func (s *Service) Tracker() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hex32Locked()
}

// Balance is the PaySys payout balance now (scripted returns applied).
func (s *Service) Balance() core.Tiyin {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked(s.env.Clock.Now())
	return s.st.Balance
}

// StateView is what GET /__admin/state/paysys shows: the balance and every
// payout with its current status (no card numbers: payouts go to wallets).
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.env.Clock.Now()
	s.settleLocked(now)
	var paidOut core.Tiyin
	list := make([]map[string]any, 0, len(s.st.Payouts))
	for _, p := range s.st.Payouts { // in transaction_id order
		st := p.statusAt(now)
		if !returnsMoney(st) {
			paidOut += p.Amount
		}
		list = append(list, map[string]any{
			"transaction_id": p.TransactionID, "vendor_id": p.VendorID, "account": p.Account,
			"amount": p.Amount, "status": st, "date": p.Created.Unix(),
		})
	}
	return map[string]any{"balance": s.st.Balance, "paid_out": paidOut, "payouts": list}
}
