package requisites

import (
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// PageSize bounds one statement answer; the partner pages on with lastId
// (RQ-11).
const PageSize = 50

// Statement entry directions, verbatim on the wire.
const (
	Incoming = "Приход"
	Outgoing = "Расход"
)

// Entry is one statement line.
type Entry struct {
	ID              int64      `json:"id"`
	DocNumber       string     `json:"doc_number"`
	DocDate         time.Time  `json:"doc_date"`
	Type            string     `json:"type"` // Приход / Расход
	MFOPayer        string     `json:"mfo_payer"`
	AccountPayer    string     `json:"account_payer"`
	NamePayer       string     `json:"name_payer"`
	INNPayer        string     `json:"inn_payer"`
	MFOReceiver     string     `json:"mfo_receiver"`
	AccountReceiver string     `json:"account_receiver"`
	NameReceiver    string     `json:"name_receiver"`
	INNReceiver     string     `json:"inn_receiver"`
	Amount          core.Tiyin `json:"amount"`
	Purpose         string     `json:"purpose"`
	Status          Status     `json:"status"`
}

type entry struct {
	Entry
	Service ServiceID `json:"service_id"`
	OrderID OrderID   `json:"order_id,omitempty"` // the order of an outgoing line: it follows its status
	order   *Order    // derived from OrderID (link)
}

// StatementQuery is the account/payments body; numeric fields as text (RQ-4).
type StatementQuery struct {
	ServiceID, Type, LastID, FromDate, ToDate string
}

// Statement returns the service's entries with id > lastId, docDate within
// fromDate..toDate (inclusive) and the asked direction (0 all, 1 incoming,
// 2 outgoing), by id, at most PageSize (RQ-11).
func (s *Service) Statement(q StatementQuery) ([]Entry, error) {
	for _, v := range []string{q.ServiceID, q.Type, q.LastID, q.FromDate, q.ToDate} {
		if v == "" {
			return nil, core.Fail(CodeMissingFields)
		}
	}
	svc, err := s.lookup(q.ServiceID)
	if err != nil {
		return nil, err
	}
	last, err1 := strconv.ParseInt(q.LastID, 10, 64)
	from, err2 := time.ParseInLocation(time.DateOnly, q.FromDate, core.Tashkent)
	to, err3 := time.ParseInLocation(time.DateOnly, q.ToDate, core.Tashkent)
	want := map[string]string{"0": "", "1": Incoming, "2": Outgoing}
	dir, okType := want[q.Type]
	if err1 != nil || err2 != nil || err3 != nil || !okType || last < 0 {
		return nil, core.Failf(CodeMissingFields, "bad statement query %+v", q)
	}
	to = to.AddDate(0, 0, 1) // inclusive: the whole last day
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked(s.env.Clock.Now())
	out := []Entry{}
	for _, e := range s.st.Entries {
		if e.Service != svc.ID || e.ID <= last || (dir != "" && e.Type != dir) {
			continue
		}
		if e.DocDate.Before(from) || !e.DocDate.Before(to) {
			continue
		}
		v := e.Entry
		if e.order != nil {
			v.Status = e.order.Status
		}
		out = append(out, v)
		if len(out) == PageSize {
			break
		}
	}
	return out, nil
}

// seedStatement installs the scenario's statement entries. Undated ones are
// spread over the hours before the namespace starts, oldest first.
func (s *Service) seedStatement(seed []scenarios.RequisitesStatement, now time.Time) {
	for i, st := range seed {
		svc, ok := s.services[ServiceID(st.ServiceID)]
		if !ok {
			continue
		}
		date := now.Add(-time.Duration(len(seed)-i) * time.Hour)
		if st.Date != "" {
			if t, err := time.Parse(time.RFC3339, st.Date); err == nil {
				date = t
			}
		}
		other := party{mfo: st.MFO, account: st.Account, name: st.Name, inn: st.INN}
		if other.mfo == "" {
			other.mfo = s.ownMFO
		}
		e := &entry{Service: svc.ID}
		e.Amount, e.Purpose, e.Status, e.DocDate = core.Tiyin(st.Amount), st.Purpose, StatusPosted, date
		if st.Direction == "outgoing" {
			e.Type = Outgoing
			s.fill(e, s.own(svc), other)
		} else {
			e.Type = Incoming
			s.fill(e, other, s.own(svc))
		}
		s.pushLocked(e)
	}
}

// appendOutgoingLocked records an order as a Расход line of its service.
// The line carries amount + commission, what the balance lost, so the
// statement reconciles with the balance (issue 11); the order's own amount
// is in the order.
func (s *Service) appendOutgoingLocked(info ServiceInfo, o *Order) {
	payee := party{mfo: o.MFO, account: o.Account, name: o.ReceiverName, inn: o.INN}
	if o.Budget {
		// The budget order names no bank or payee: the treasury (MFO 00014) receives it.
		payee.mfo, payee.name = "00014", "Бюджетополучатель"
	}
	e := &entry{Service: info.ID, OrderID: o.OrderID, order: o}
	e.Type, e.Amount, e.Purpose, e.DocDate, e.Status = Outgoing, o.Total(), o.Purpose, o.CreatedAt, o.Status
	s.fill(e, s.own(info), payee)
	s.pushLocked(e)
}

type party struct{ mfo, account, name, inn string }

func (s *Service) own(info ServiceInfo) party {
	return party{mfo: s.ownMFO, account: info.Account, name: info.Name, inn: info.INN}
}

func (s *Service) fill(e *entry, payer, payee party) {
	e.MFOPayer, e.AccountPayer, e.NamePayer, e.INNPayer = payer.mfo, payer.account, payer.name, payer.inn
	e.MFOReceiver, e.AccountReceiver, e.NameReceiver, e.INNReceiver = payee.mfo, payee.account, payee.name, payee.inn
}

// pushLocked gives the entry the next id and document number: ids increase
// strictly, so lastId works as a cursor.
func (s *Service) pushLocked(e *entry) {
	s.st.LastEntry++
	e.ID = s.st.LastEntry
	e.DocNumber = strconv.FormatInt(1_917_000+s.st.LastEntry%100_000, 10)
	s.st.Entries = append(s.st.Entries, e)
}
