package requisites

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "requisites"

// ServiceID is a partner service's id (the `serviceId` of every call).
type ServiceID int64

// ServiceInfo is one partner service as GET /api/v2/services lists it.
type ServiceInfo struct {
	ID         ServiceID
	Name       string
	Type       string // WORKING_WITH_CARD, CARD_IS_OPTIONAL (WITHOUT_CARD is shown as the latter)
	Activated  bool
	Configured bool
	Account    string
	INN        string // the partner's INN, shown as payer in the statement
}

// WireType is the documented kind: the source knows only two.
func (i ServiceInfo) WireType() string {
	if i.Type == TypeWorkingWithCard {
		return TypeWorkingWithCard
	}
	return TypeCardIsOptional
}

// CardRequired: refNumber, cardType and cardNumber are required (§2.1).
func (i ServiceInfo) CardRequired() bool { return i.Type == TypeWorkingWithCard }

// Bank is a payee bank known to the fake.
type Bank struct {
	MFO  string
	Name string
	SMP  bool // member of the instant-payment system
}

// Service is one namespace's requisites provider. One mutex guards st and
// pending; service and bank definitions are fixed at build time and read
// without it.
type Service struct {
	core.Persisted[state] // LockState, SnapshotLocked over mu and st (persist.go)
	mu                    sync.Mutex
	env                   core.Env
	settings              scenarios.RequisitesSettings
	users                 []scenarios.RequisitesCredential
	banks                 map[string]Bank
	ownMFO                string
	services              map[ServiceID]ServiceInfo
	order                 []ServiceID // as the scenario lists them
	branch                int         // the doc_id branch, drawn from the seed

	st      state
	pending settleQueue // derived from st: Введен orders that will settle
}

// state is everything that changes after New, and exactly what a snapshot
// holds (persist.go): a new field here is persisted with no other edit.
type state struct {
	Balances map[ServiceID]core.Tiyin `json:"balances"`
	Orders   map[OrderID]*Order       `json:"orders"`
	Entries  []*entry                 `json:"entries"` // the statement, by increasing id
	// The last statement id, payment doc number and budget doc_id given out.
	LastEntry     int64 `json:"last_entry_id"`
	LastDoc       int64 `json:"last_doc"`
	LastBudgetDoc int64 `json:"last_budget_doc"`
}

// streamRequisites is this provider's random stream ("requ").
const streamRequisites = 0x72657175

// New builds the namespace's requisites provider from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	r := rng.New(env.Seed, streamRequisites).Rand()
	s := &Service{
		env:      env,
		settings: sc.Settings.Requisites,
		users:    sc.Credentials.Requisites,
		banks:    map[string]Bank{},
		services: map[ServiceID]ServiceInfo{},
		branch:   1000 + r.IntN(9000),
		st: state{
			Balances:      map[ServiceID]core.Tiyin{},
			Orders:        map[OrderID]*Order{},
			LastEntry:     2111291700,
			LastDoc:       1_800_000_000 + r.Int64N(100_000_000),
			LastBudgetDoc: 1_200_000_000 + r.Int64N(100_000_000),
		},
	}
	s.Persisted = core.NewPersisted("requisites", snapshotVersion, &s.mu, &s.st)
	for i, b := range sc.Requisites.Banks {
		s.banks[b.MFO] = Bank{MFO: b.MFO, Name: b.Name, SMP: b.SMP == nil || *b.SMP}
		if i == 0 {
			s.ownMFO = b.MFO
		}
	}
	if s.ownMFO == "" {
		s.ownMFO = "00401"
	}
	for _, d := range sc.Requisites.Services {
		info := ServiceInfo{
			ID: ServiceID(d.ID), Name: d.Name, Type: d.Type, Account: d.Account,
			Activated:  d.Activated == nil || *d.Activated,
			Configured: d.Configured == nil || *d.Configured,
			INN:        strconv.Itoa(300_000_000 + r.IntN(10_000_000)),
		}
		if info.Name == "" {
			info.Name = fmt.Sprintf("Сервис %d", d.ID)
		}
		if info.Type == "" {
			info.Type = TypeCardIsOptional
		}
		s.services[info.ID] = info
		s.st.Balances[info.ID] = core.Tiyin(d.Balance)
		s.order = append(s.order, info.ID)
	}
	s.seedStatement(sc.Requisites.Statement, env.Clock.Now())
	return s
}

// Services lists the partner's services in scenario order.
func (s *Service) Services() []ServiceInfo {
	out := make([]ServiceInfo, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.services[id])
	}
	return out
}

// lookup resolves a serviceId given as text (RQ-4): unknown or inactive is
// 1001 (RQ-8), not configured is 1002.
func (s *Service) lookup(text string) (ServiceInfo, error) {
	id, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return ServiceInfo{}, core.Failf(CodeServiceNotFound, "serviceId %q is not a number", text)
	}
	svc, ok := s.services[ServiceID(id)]
	if !ok || !svc.Activated {
		return ServiceInfo{}, core.Failf(CodeServiceNotFound, "service %d unknown or inactive", id)
	}
	if !svc.Configured {
		return ServiceInfo{}, core.Fail(CodeServiceNotSetUp)
	}
	return svc, nil
}

// Balance is the service's balance after settling what is due.
func (s *Service) Balance(serviceID string) (core.Tiyin, error) {
	svc, err := s.lookup(serviceID)
	if err != nil {
		return 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked(s.env.Clock.Now())
	return s.st.Balances[svc.ID], nil
}

// StateView is what GET /__admin/state/requisites shows (card numbers masked).
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked(s.env.Clock.Now())
	svcs := make([]map[string]any, 0, len(s.order))
	for _, id := range s.order {
		v := s.services[id]
		svcs = append(svcs, map[string]any{
			"id": v.ID, "name": v.Name, "type": v.Type, "activated": v.Activated,
			"configured": v.Configured, "account": v.Account, "balance": s.st.Balances[id],
		})
	}
	orders := make([]map[string]any, 0, len(s.st.Orders))
	for _, e := range s.st.Entries {
		if o := e.order; o != nil {
			card := ""
			if o.CardNumber != "" {
				card = o.CardNumber.Masked()
			}
			orders = append(orders, map[string]any{
				"order_id": o.OrderID, "doc_id": o.DocID, "status": o.Status, "budget": o.Budget,
				"service_id": o.ServiceID, "amount": o.Amount, "commission": o.Commission,
				"receiver_account": o.Account, "card": card,
				"created_at": o.CreatedAt.Format(time.RFC3339), "settles_at": o.SettleAt.Format(time.RFC3339),
			})
		}
	}
	return map[string]any{"services": svcs, "orders": orders, "statement_entries": len(s.st.Entries)}
}
