package requisites

import (
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
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

type service struct {
	info    ServiceInfo
	balance core.Tiyin
}

// Bank is a payee bank known to the fake.
type Bank struct {
	MFO  string
	Name string
	SMP  bool // member of the instant-payment system
}

// Service is one namespace's requisites provider. One mutex guards the
// balances, orders and statement; service and bank definitions are fixed at
// build time and read without it.
type Service struct {
	mu       sync.Mutex
	env      core.Env
	settings scenarios.RequisitesSettings
	users    []scenarios.RequisitesCredential
	banks    map[string]Bank
	ownMFO   string
	services map[ServiceID]*service
	order    []ServiceID // as the scenario lists them

	orders    map[OrderID]*Order
	pending   []*Order // Введен orders that may still settle
	entries   []*entry // statement, by increasing id
	nextEntry int64
	nextDoc   int64
	branch    int
	budgetDoc int64
}

// New builds the namespace's requisites provider from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	faker := gofakeit.New(env.Seed ^ 0x72657175) // "requ": own stream per provider
	s := &Service{
		env:       env,
		settings:  sc.Settings.Requisites,
		users:     sc.Credentials.Requisites,
		banks:     map[string]Bank{},
		services:  map[ServiceID]*service{},
		orders:    map[OrderID]*Order{},
		nextEntry: 2111291700,
		nextDoc:   1_800_000_000 + int64(faker.Number(0, 99_999_999)),
		branch:    faker.Number(1000, 9999),
		budgetDoc: 1_200_000_000 + int64(faker.Number(0, 99_999_999)),
	}
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
			INN:        strconv.Itoa(faker.Number(300_000_000, 309_999_999)),
		}
		if info.Name == "" {
			info.Name = fmt.Sprintf("Сервис %d", d.ID)
		}
		if info.Type == "" {
			info.Type = TypeCardIsOptional
		}
		s.services[info.ID] = &service{info: info, balance: core.Tiyin(d.Balance)}
		s.order = append(s.order, info.ID)
	}
	s.seedStatement(sc.Requisites.Statement, env.Clock.Now())
	return s
}

// Services lists the partner's services in scenario order.
func (s *Service) Services() []ServiceInfo {
	out := make([]ServiceInfo, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.services[id].info)
	}
	return out
}

// lookup resolves a serviceId given as text (RQ-4): unknown or inactive is
// 1001 (RQ-8), not configured is 1002.
func (s *Service) lookup(text string) (*service, error) {
	id, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return nil, core.Failf(CodeServiceNotFound, "serviceId %q is not a number", text)
	}
	svc, ok := s.services[ServiceID(id)]
	if !ok || !svc.info.Activated {
		return nil, core.Failf(CodeServiceNotFound, "service %d unknown or inactive", id)
	}
	if !svc.info.Configured {
		return nil, core.Fail(CodeServiceNotSetUp)
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
	return svc.balance, nil
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
			"id": v.info.ID, "name": v.info.Name, "type": v.info.Type, "activated": v.info.Activated,
			"configured": v.info.Configured, "account": v.info.Account, "balance": v.balance,
		})
	}
	orders := make([]map[string]any, 0, len(s.orders))
	for _, e := range s.entries {
		if o := e.order; o != nil {
			card := ""
			if o.CardNumber != "" {
				card = o.CardNumber.Masked()
			}
			orders = append(orders, map[string]any{
				"order_id": o.OrderID, "doc_id": o.DocID, "status": o.Status, "budget": o.Budget,
				"service_id": o.ServiceID, "amount": o.Amount, "commission": o.Commission,
				"receiver_account": o.Account, "card": card,
				"created_at": o.CreatedAt.Format(time.RFC3339), "settles_at": o.settleAt.Format(time.RFC3339),
			})
		}
	}
	return map[string]any{"services": svcs, "orders": orders, "statement_entries": len(s.entries)}
}
