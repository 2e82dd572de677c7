package paysys

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "paysys"

// Service is one namespace's PaySys. One mutex guards the balance and the
// payouts, so a payout checks and debits atomically and concurrent payouts
// never overdraw the balance. A cash payout touches no card, so the money
// lives in the PaySys balance here, not in the shared card ledger.
type Service struct {
	mu       sync.Mutex
	env      core.Env
	settings scenarios.PaysysSettings
	creds    []scenarios.PaysysCredential
	faker    *gofakeit.Faker
	draws    int64 // hex32Locked calls since New: replayed by Restore

	balance core.Tiyin // the PaySys payout balance (scenario paysys.balance, tiyin)
	vendors map[int64]scenarios.PaysysVendor
	wallets map[walletKey][]Step

	nextTx    int64
	payouts   map[int64]*payout  // by transaction_id
	byRequest map[string]*payout // by request id (idempotency key)
	open      map[int64]*payout  // payouts whose script still returns money
}

type walletKey struct {
	vendor  int64
	account string
}

// Step is one scripted status: Status for For, then the next step; the last
// step is final (For ignored).
type Step struct {
	Status int
	For    time.Duration
}

// defaultSteps: §3, a cash payout completes at once unless scripted.
var defaultSteps = []Step{{Status: StatusCompleted}}

// New builds the namespace's PaySys from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	f, firstTx := newFaker(env.Seed)
	s := &Service{
		env:       env,
		settings:  sc.Settings.Paysys,
		creds:     sc.Credentials.Paysys,
		faker:     f,
		balance:   core.Tiyin(sc.Paysys.Balance),
		vendors:   map[int64]scenarios.PaysysVendor{},
		wallets:   map[walletKey][]Step{},
		nextTx:    firstTx,
		payouts:   map[int64]*payout{},
		byRequest: map[string]*payout{},
		open:      map[int64]*payout{},
	}
	if s.settings.MaxSkew == 0 {
		s.settings.MaxSkew = scenarios.Duration(5 * time.Minute)
	}
	for _, v := range sc.Paysys.Vendors {
		s.vendors[v.ID] = v
	}
	for _, w := range sc.Paysys.Wallets {
		s.wallets[walletKey{w.VendorID, w.Account}] = StepsOf(w.Statuses)
	}
	return s
}

// newFaker is the namespace's id stream as New leaves it, and the
// transaction_id counter's start (SCENARIOS.md §2: transaction_id has 7
// digits). Restore rebuilds it from here and replays the recorded draws.
func newFaker(seed int64) (*gofakeit.Faker, int64) {
	f := gofakeit.New(seed ^ 0x70617973) // "pays": own stream per provider
	return f, int64(f.Number(2000000, 8000000))
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
	s.draws++
	return fmt.Sprintf("%016x%016x", s.faker.Uint64(), s.faker.Uint64())
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
	return s.balance
}

// StateView is what GET /__admin/state/paysys shows: the balance and every
// payout with its current status (no card numbers: payouts go to wallets).
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.env.Clock.Now()
	s.settleLocked(now)
	var paidOut core.Tiyin
	list := make([]map[string]any, 0, len(s.payouts))
	for _, p := range s.payouts {
		st := p.statusAt(now)
		if !returnsMoney(st) {
			paidOut += p.Amount
		}
		list = append(list, map[string]any{
			"transaction_id": p.TransactionID, "vendor_id": p.vendor, "account": p.account,
			"amount": p.Amount, "status": st, "date": p.Created.Unix(),
		})
	}
	slices.SortFunc(list, func(a, b map[string]any) int {
		return cmp.Compare(a["transaction_id"].(int64), b["transaction_id"].(int64))
	})
	return map[string]any{"balance": s.balance, "paid_out": paidOut, "payouts": list}
}
