package requisites

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// A snapshot (core.Persisted, -state-file) is the state struct itself: balances,
// orders, the whole statement (seeded lines included: undated seeded lines
// are dated from the clock at build time, which a rebuilt domain does not
// share) and the counters behind statement ids and doc_ids. New rebuilds
// the rest from the scenario and the namespace seed (users, banks, service
// definitions, settings, the doc_id branch); the pending list and the
// statement lines' links to their orders are derived after a restore. The
// domain moves no card money (no core.Cards calls); every change of state
// happens under s.mu.

// snapshotVersion 2: the state struct itself (version 1 mirrored it by hand).
const snapshotVersion = 2

// Restore loads a snapshot into a domain built by New from the same
// scenario; all or nothing (core.Persisted.RestoreWith): on error the
// domain is left as it was.
func (s *Service) Restore(data []byte) error {
	var pending []*Order
	return s.RestoreWith(data, state{}, func(st *state) (err error) {
		pending, err = s.link(st)
		return err
	}, func() {
		s.pending = settleQueue{}
		for _, o := range pending {
			s.pending.push(o)
		}
	})
}

// link checks a decoded state against the scenario and itself, links each
// order's statement line to the order and returns the pending list: the
// Введен orders with a final status, in creation (statement) order.
func (s *Service) link(st *state) ([]*Order, error) {
	if len(st.Balances) != len(s.services) {
		return nil, fmt.Errorf("%d balances, the scenario has %d services", len(st.Balances), len(s.services))
	}
	for id := range st.Balances {
		if _, ok := s.services[id]; !ok {
			return nil, fmt.Errorf("service %d is not in the scenario", id)
		}
	}
	for id, o := range st.Orders {
		if err := s.checkOrder(st, id, o); err != nil {
			return nil, fmt.Errorf("order %q: %w", id, err)
		}
	}
	var pending []*Order
	linked := map[OrderID]bool{}
	last := int64(0)
	for _, e := range st.Entries {
		if err := s.checkEntry(e, last, st.LastEntry); err != nil {
			return nil, fmt.Errorf("entry %d: %w", e.ID, err)
		}
		last = e.ID
		if e.OrderID == "" {
			continue
		}
		o, ok := st.Orders[e.OrderID]
		switch {
		case !ok || linked[e.OrderID]:
			return nil, fmt.Errorf("entry %d: order %q unknown or already on another line", e.ID, e.OrderID)
		case o.ServiceID != e.Service || e.Type != Outgoing:
			return nil, fmt.Errorf("entry %d does not match order %q", e.ID, e.OrderID)
		}
		linked[e.OrderID], e.order = true, o
		if o.Status == StatusEntered && o.Final != "" {
			pending = append(pending, o)
		}
	}
	if len(linked) != len(st.Orders) {
		return nil, fmt.Errorf("%d orders without a statement line", len(st.Orders)-len(linked))
	}
	return pending, nil
}

// checkOrder: a known service and statuses, and a doc_id the counters have
// passed, so a restored domain never issues it again.
func (s *Service) checkOrder(st *state, id OrderID, o *Order) error {
	if o == nil || o.OrderID != id || o.DocID == "" {
		return fmt.Errorf("no order, a mismatched order_id or no doc_id")
	}
	if _, ok := s.services[o.ServiceID]; !ok {
		return fmt.Errorf("service %d is not in the scenario", o.ServiceID)
	}
	if !knownStatus(o.Status) || (o.Final != "" && o.Final != StatusPosted && o.Final != StatusDeleted) {
		return fmt.Errorf("status %q, final %q", o.Status, o.Final)
	}
	counter := st.LastDoc
	if o.Budget {
		counter = st.LastBudgetDoc
	}
	if n, ok := docNumber(o); !ok || n > counter {
		return fmt.Errorf("doc_id %q is malformed or beyond the doc counters", o.DocID)
	}
	return nil
}

// checkEntry: a known service, type and status, ids strictly increasing
// and not beyond the counter.
func (s *Service) checkEntry(e *entry, prev, counter int64) error {
	if e == nil {
		return fmt.Errorf("null entry")
	}
	if _, ok := s.services[e.Service]; !ok {
		return fmt.Errorf("service %d is not in the scenario", e.Service)
	}
	if (e.Type != Incoming && e.Type != Outgoing) || !knownStatus(e.Status) {
		return fmt.Errorf("type %q, status %q", e.Type, e.Status)
	}
	if e.ID <= prev || e.ID > counter {
		return fmt.Errorf("id not increasing (after %d) or beyond last_entry_id %d", prev, counter)
	}
	return nil
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

// SkipIDs implements core.IDSkipper: after a crash, no statement id or
// doc number answered before it is issued again (issue 13.6).
func (s *Service) SkipIDs(n int64, epoch uint64) {
	s.SkipWith(func(st *state) {
		core.SkipCounters(n, &st.LastEntry, &st.LastDoc, &st.LastBudgetDoc)
	})
}
