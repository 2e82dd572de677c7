package requisites

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Service implements core.Persistent (-state-file).
//
// What a snapshot holds: every service's balance, every order (its payment,
// doc_id, status, creation time, when and how it settles), the whole
// statement (seeded lines included: undated seeded lines are dated from the
// clock at build time, which a rebuilt domain does not share) and the
// counters behind statement ids and doc_ids. What it does not hold is what
// New rebuilds from the scenario and the namespace seed: users, banks,
// service definitions, settings and the doc_id branch. The pending list is
// derived on restore: it is exactly the Введен orders with a final status.
// The domain moves no card money (no core.Cards calls); every change of a
// balance, order or statement happens under s.mu.
var _ core.Persistent = (*Service)(nil)

const snapshotVersion = 1

type snapshot struct {
	Version       int             `json:"version"`
	LastEntry     int64           `json:"last_entry_id"`   // last statement id given out
	LastDoc       int64           `json:"last_doc"`        // last payment doc_id number given out
	LastBudgetDoc int64           `json:"last_budget_doc"` // last budget doc_id given out
	Services      []serviceSnap   `json:"services"`        // scenario order
	Orders        []orderSnap     `json:"orders"`          // creation order
	Entries       []entrySnapshot `json:"entries"`         // by increasing id
}

type serviceSnap struct {
	ID      int64 `json:"id"`
	Balance int64 `json:"balance"` // tiyin
}

type orderSnap struct {
	OrderID      string `json:"order_id"`
	ServiceID    int64  `json:"service_id"`
	Budget       bool   `json:"budget,omitempty"`
	Amount       int64  `json:"amount"`     // tiyin
	Commission   int64  `json:"commission"` // tiyin
	ReceiverName string `json:"receiver_name,omitempty"`
	MFO          string `json:"mfo,omitempty"`
	Account      string `json:"account"`
	INN          string `json:"inn,omitempty"`
	PurposeCode  string `json:"purpose_code,omitempty"`
	Purpose      string `json:"purpose"`
	RefNumber    string `json:"ref_number,omitempty"`
	CardType     string `json:"card_type,omitempty"`
	CardNumber   string `json:"card_number,omitempty"`
	DocID        string `json:"doc_id"`
	Status       Status `json:"status"`
	CreatedAt    string `json:"created_at"` // RFC 3339
	SettleAt     string `json:"settle_at"`  // RFC 3339
	Final        Status `json:"final,omitempty"`
}

type entrySnapshot struct {
	ID              int64   `json:"id"`
	ServiceID       int64   `json:"service_id"`
	Order           *string `json:"order_id,omitempty"` // outgoing line of an order: follows its status
	DocNumber       string  `json:"doc_number"`
	DocDate         string  `json:"doc_date"` // RFC 3339
	Type            string  `json:"type"`
	MFOPayer        string  `json:"mfo_payer"`
	AccountPayer    string  `json:"account_payer"`
	NamePayer       string  `json:"name_payer"`
	INNPayer        string  `json:"inn_payer"`
	MFOReceiver     string  `json:"mfo_receiver"`
	AccountReceiver string  `json:"account_receiver"`
	NameReceiver    string  `json:"name_receiver"`
	INNReceiver     string  `json:"inn_receiver"`
	Amount          int64   `json:"amount"` // tiyin
	Purpose         string  `json:"purpose"`
	Status          Status  `json:"status"`
}

// LockState takes the mutex every operation holds.
func (s *Service) LockState() { s.mu.Lock() }

// UnlockState releases it.
func (s *Service) UnlockState() { s.mu.Unlock() }

func rfc3339(t time.Time) string { return t.Format(time.RFC3339Nano) }

// SnapshotLocked returns the mutable state as JSON; the caller holds
// LockState. It settles nothing: a due order settles after the restore, on
// the restored clock, as it would have.
func (s *Service) SnapshotLocked() ([]byte, error) {
	snap := snapshot{
		Version: snapshotVersion, LastEntry: s.nextEntry, LastDoc: s.nextDoc, LastBudgetDoc: s.budgetDoc,
		Services: make([]serviceSnap, 0, len(s.order)),
		Orders:   make([]orderSnap, 0, len(s.orders)),
		Entries:  make([]entrySnapshot, 0, len(s.entries)),
	}
	for _, id := range s.order {
		snap.Services = append(snap.Services, serviceSnap{ID: int64(id), Balance: int64(s.services[id].balance)})
	}
	for _, e := range s.entries {
		es := entrySnapshot{
			ID: e.ID, ServiceID: int64(e.service), DocNumber: e.DocNumber, DocDate: rfc3339(e.DocDate), Type: e.Type,
			MFOPayer: e.MFOPayer, AccountPayer: e.AccountPayer, NamePayer: e.NamePayer, INNPayer: e.INNPayer,
			MFOReceiver: e.MFOReceiver, AccountReceiver: e.AccountReceiver, NameReceiver: e.NameReceiver,
			INNReceiver: e.INNReceiver, Amount: int64(e.Amount), Purpose: e.Purpose, Status: e.Status,
		}
		if o := e.order; o != nil { // every order has exactly one line: orders in creation order
			id := string(o.OrderID)
			es.Order = &id
			snap.Orders = append(snap.Orders, orderSnap{
				OrderID: id, ServiceID: int64(o.ServiceID), Budget: o.Budget,
				Amount: int64(o.Amount), Commission: int64(o.Commission), ReceiverName: o.ReceiverName,
				MFO: o.MFO, Account: o.Account, INN: o.INN, PurposeCode: o.PurposeCode, Purpose: o.Purpose,
				RefNumber: o.RefNumber, CardType: o.CardType, CardNumber: string(o.CardNumber),
				DocID: o.DocID, Status: o.Status, CreatedAt: rfc3339(o.CreatedAt), SettleAt: rfc3339(o.settleAt), Final: o.final,
			})
		}
		snap.Entries = append(snap.Entries, es)
	}
	if len(snap.Orders) != len(s.orders) {
		return nil, fmt.Errorf("requisites: %d orders but %d order lines in the statement", len(s.orders), len(snap.Orders))
	}
	return json.Marshal(snap)
}

// Restore loads a snapshot into a domain built by New from the same
// scenario. It checks the whole snapshot before touching anything: on error
// the domain is left as it was.
func (s *Service) Restore(data []byte) error {
	var snap snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return fmt.Errorf("requisites: snapshot: %w", err)
	}
	if snap.Version != snapshotVersion {
		return fmt.Errorf("requisites: snapshot version %d, want %d", snap.Version, snapshotVersion)
	}
	// Service definitions are fixed and read without the lock: only
	// balances are restored, and the snapshot must name the same services.
	if len(snap.Services) != len(s.order) {
		return fmt.Errorf("requisites: snapshot has %d services, the scenario %d", len(snap.Services), len(s.order))
	}
	balances := make(map[ServiceID]core.Tiyin, len(snap.Services))
	for _, v := range snap.Services {
		id := ServiceID(v.ID)
		if _, ok := s.services[id]; !ok {
			return fmt.Errorf("requisites: snapshot service %d is not in the scenario", v.ID)
		}
		if _, dup := balances[id]; dup {
			return fmt.Errorf("requisites: snapshot service %d twice", v.ID)
		}
		balances[id] = core.Tiyin(v.Balance)
	}

	orders := make(map[OrderID]*Order, len(snap.Orders))
	for _, v := range snap.Orders {
		o, err := s.restoreOrder(v)
		if err != nil {
			return err
		}
		if _, dup := orders[o.OrderID]; dup {
			return fmt.Errorf("requisites: snapshot order %q twice", v.OrderID)
		}
		if n, ok := docNumber(o); !ok || (o.Budget && n > snap.LastBudgetDoc) || (!o.Budget && n > snap.LastDoc) {
			return fmt.Errorf("requisites: snapshot order %q: doc_id %q is malformed or beyond the doc counters", v.OrderID, o.DocID)
		}
		orders[o.OrderID] = o
	}

	entries := make([]*entry, 0, len(snap.Entries))
	linked := make(map[OrderID]bool, len(orders))
	var pending []*Order
	last := int64(0)
	for i, v := range snap.Entries {
		e, err := s.restoreEntry(v)
		if err != nil {
			return err
		}
		if i > 0 && e.ID <= last {
			return fmt.Errorf("requisites: snapshot entry ids not increasing: %d after %d", e.ID, last)
		}
		last = e.ID
		if v.Order != nil {
			id := OrderID(*v.Order)
			o, ok := orders[id]
			switch {
			case !ok:
				return fmt.Errorf("requisites: snapshot entry %d names unknown order %q", e.ID, id)
			case linked[id]:
				return fmt.Errorf("requisites: snapshot order %q has two statement lines", id)
			case o.ServiceID != e.service || e.Type != Outgoing:
				return fmt.Errorf("requisites: snapshot entry %d does not match order %q", e.ID, id)
			}
			linked[id], e.order = true, o
			if o.Status == StatusEntered && o.final != "" {
				pending = append(pending, o) // creation order, as Pay appends
			}
		}
		entries = append(entries, e)
	}
	if len(linked) != len(orders) {
		return fmt.Errorf("requisites: snapshot has %d orders without a statement line", len(orders)-len(linked))
	}
	if len(entries) > 0 && snap.LastEntry < last {
		return fmt.Errorf("requisites: snapshot last_entry_id %d below the last entry %d", snap.LastEntry, last)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for id, b := range balances {
		s.services[id].balance = b
	}
	s.orders, s.pending, s.entries = orders, pending, entries
	s.nextEntry, s.nextDoc, s.budgetDoc = snap.LastEntry, snap.LastDoc, snap.LastBudgetDoc
	return nil
}

func (s *Service) restoreOrder(v orderSnap) (*Order, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("requisites: snapshot order %q: %s", v.OrderID, fmt.Sprintf(format, args...))
	}
	if v.OrderID == "" || v.DocID == "" {
		return nil, bad("no order_id or doc_id")
	}
	if _, ok := s.services[ServiceID(v.ServiceID)]; !ok {
		return nil, bad("service %d is not in the scenario", v.ServiceID)
	}
	if !knownStatus(v.Status) || (v.Final != "" && v.Final != StatusPosted && v.Final != StatusDeleted) {
		return nil, bad("status %q, final %q", v.Status, v.Final)
	}
	created, err1 := time.Parse(time.RFC3339Nano, v.CreatedAt)
	settle, err2 := time.Parse(time.RFC3339Nano, v.SettleAt)
	if err := errors.Join(err1, err2); err != nil {
		return nil, bad("%v", err)
	}
	return &Order{
		Payment: Payment{
			Budget: v.Budget, OrderID: OrderID(v.OrderID), ServiceID: ServiceID(v.ServiceID),
			Amount: core.Tiyin(v.Amount), Commission: core.Tiyin(v.Commission), ReceiverName: v.ReceiverName,
			MFO: v.MFO, Account: v.Account, INN: v.INN, PurposeCode: v.PurposeCode, Purpose: v.Purpose,
			RefNumber: v.RefNumber, CardType: v.CardType, CardNumber: core.PAN(v.CardNumber),
		},
		DocID: v.DocID, Status: v.Status, CreatedAt: created, settleAt: settle, final: v.Final,
	}, nil
}

func (s *Service) restoreEntry(v entrySnapshot) (*entry, error) {
	if _, ok := s.services[ServiceID(v.ServiceID)]; !ok {
		return nil, fmt.Errorf("requisites: snapshot entry %d: service %d is not in the scenario", v.ID, v.ServiceID)
	}
	if (v.Type != Incoming && v.Type != Outgoing) || !knownStatus(v.Status) {
		return nil, fmt.Errorf("requisites: snapshot entry %d: type %q, status %q", v.ID, v.Type, v.Status)
	}
	date, err := time.Parse(time.RFC3339Nano, v.DocDate)
	if err != nil {
		return nil, fmt.Errorf("requisites: snapshot entry %d: %w", v.ID, err)
	}
	e := &entry{service: ServiceID(v.ServiceID)}
	e.Entry = Entry{
		ID: v.ID, DocNumber: v.DocNumber, DocDate: date, Type: v.Type,
		MFOPayer: v.MFOPayer, AccountPayer: v.AccountPayer, NamePayer: v.NamePayer, INNPayer: v.INNPayer,
		MFOReceiver: v.MFOReceiver, AccountReceiver: v.AccountReceiver, NameReceiver: v.NameReceiver,
		INNReceiver: v.INNReceiver, Amount: core.Tiyin(v.Amount), Purpose: v.Purpose, Status: v.Status,
	}
	return e, nil
}

// docNumber is the counter behind a doc_id (RQ-10): the part after the
// branch for a payment, the whole number for the budget.
func docNumber(o *Order) (int64, bool) {
	text := o.DocID
	if !o.Budget {
		branch, num, ok := strings.Cut(text, "_")
		if !ok || !digits(branch, 4) {
			return 0, false
		}
		text = num
	}
	if !digits(text, 0) {
		return 0, false
	}
	n, err := strconv.ParseInt(text, 10, 64)
	return n, err == nil
}

func knownStatus(st Status) bool {
	return st == StatusEntered || st == StatusPosted || st == StatusDeleted
}
