package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// restored is the state file with its log replayed on top: what the
// sandbox held when it stopped, as far as it was on disk.
type restored struct {
	base      json.RawMessage
	ns        map[string]*nsState
	writtenAt map[string]time.Time // when each namespace's clock reading was last written
	reserved  map[string]uint64
	epoch     uint64
	logEnd    int64
	logSeq    uint64
}

// RestoreState loads path, if it exists, and replays its log into fresh
// namespaces; then it records a new epoch durably, before anything is
// served (idfloor.go).
func (s *Server) RestoreState(path string) error {
	if s.opts.StateReset {
		if err := discardState(path); err != nil {
			return err
		}
		s.log.Warn("-state-reset: discarded the state file and its log; starting from the scenario", "path", path)
	}
	in, err := readStateFile(path)
	if err != nil {
		return err
	}
	if in != nil && in.Scenario.SHA256 != "" && in.Scenario != s.startScenario {
		return fmt.Errorf("state file %s was written under scenario %s, but this start loads scenario %s: "+
			"start with the scenario that wrote it, or pass -state-reset (PAYSANDBOX_STATE_RESET=true) to discard the state file",
			path, in.Scenario, s.startScenario)
	}
	r, err := replay(path, in)
	if err != nil {
		return err
	}
	if err := validateNames(path, r.ns); err != nil {
		return err
	}
	if len(r.base) > 0 {
		base, err := LoadScenario(path+" (base scenario)", r.base)
		if err != nil {
			return err
		}
		s.base.Store(base)
	}
	if err := s.install(path, r); err != nil {
		return err
	}
	log, err := openLog(path+".log", r.logEnd, r.logSeq)
	if err != nil {
		return fmt.Errorf("state file %s: its log: %w", path, err)
	}
	st := &s.state
	st.log, st.epoch = log, r.epoch
	return log.appendRecords([]logRecord{{Epoch: st.epoch}})
}

// replay reads the log and applies the records the file does not hold.
func replay(path string, in *stateFile) (*restored, error) {
	r := &restored{ns: map[string]*nsState{}, writtenAt: map[string]time.Time{}, reserved: map[string]uint64{}}
	var fileSeq uint64
	if in != nil {
		r.base, r.epoch, fileSeq, r.logSeq = in.Base, in.Epoch, in.LogSeq, in.LogSeq
		for name, st := range in.Namespaces {
			if st == nil {
				return nil, fmt.Errorf("state file %s: /namespaces/%s: null", path, core.CleanForHumans(name))
			}
			r.ns[name], r.writtenAt[name] = st, in.SavedAt
		}
	}
	recs, end, err := readLog(path + ".log")
	if err != nil {
		return nil, err
	}
	r.logEnd = end
	for _, rec := range recs {
		r.logSeq = max(r.logSeq, rec.Seq)
		if rec.Seq <= fileSeq {
			continue // the file holds it
		}
		if err := r.apply(rec); err != nil {
			return nil, fmt.Errorf("state file %s: log record %d: %w", path, rec.Seq, err)
		}
	}
	r.epoch++ // this start's
	return r, nil
}

func (r *restored) apply(rec logRecord) error {
	r.epoch = max(r.epoch, rec.Epoch)
	if len(rec.Base) > 0 {
		r.base = rec.Base
	}
	if rec.Reserved != nil {
		r.reserved[rec.NS] = max(r.reserved[rec.NS], *rec.Reserved)
	}
	switch {
	case rec.Removed:
		delete(r.ns, rec.NS)
	case len(rec.State) > 0:
		var st nsState
		if err := json.Unmarshal(rec.State, &st); err != nil {
			return err
		}
		if old := r.ns[rec.NS]; old != nil && !rec.Full {
			for p, raw := range st.Domains {
				old.Domains[p] = raw
			}
			st.Domains = old.Domains
		}
		if st.Domains == nil {
			st.Domains = map[string]json.RawMessage{}
		}
		r.ns[rec.NS], r.writtenAt[rec.NS] = &st, st.ClockReadAt
	}
	return nil
}

// install builds the restored namespaces. A namespace whose requests were
// reserved past what its state holds skips that many operations' ids.
func (s *Server) install(path string, r *restored) error {
	s.idGaps, s.epoch = map[string]uint64{}, r.epoch
	for name := range r.reserved {
		if _, ok := r.ns[name]; !ok && validNamespace(name) {
			r.ns[name] = &nsState{} // first used after the last save: its ids were issued too
		}
	}
	s.ns.mu.Lock()
	defer s.ns.mu.Unlock()
	for name, st := range r.ns {
		reserved := max(st.Reserved, r.reserved[name])
		var gap uint64
		if reserved > st.Ops {
			gap = reserved - st.Ops
		}
		s.idGaps[name] = st.IDGap + gap
		slot, err := s.restoreNamespace(path, name, st, r.writtenAt[name], gap)
		if err != nil {
			return err
		}
		// Requests continue counting past the gap: a later crash measures
		// from here, and never hands out this run's ids again.
		slot.ids.started.Store(st.Ops + gap)
		slot.ids.finished.Store(st.Ops + gap)
		slot.ids.reserved.Store(st.Ops + gap)
		s.ns.m[name] = slot
	}
	return nil
}

// restoreNamespace builds one namespace from its state.
func (s *Server) restoreNamespace(path, name string, st *nsState, writtenAt time.Time, gap uint64) (*nsSlot, error) {
	sc := s.base.Load()
	slot := &nsSlot{}
	if len(st.Scenario) > 0 {
		var err error
		if slot.override, err = LoadScenario(path+" (namespace "+name+")", st.Scenario); err != nil {
			return nil, err
		}
		sc = slot.override
	}
	ns := s.build(name, sc)
	if !st.Clock.IsZero() {
		clock := st.Clock
		if !ns.Clock.Frozen() && !st.ClockReadAt.IsZero() && writtenAt.After(st.ClockReadAt) {
			clock = clock.Add(writtenAt.Sub(st.ClockReadAt)) // a running clock ran until the write
		}
		ns.Clock.Set(clock)
	}
	ns.RestoreBuiltAt(st.BuiltAt)
	if err := validateCards(path, name, st.Cards, ns.Cards); err != nil {
		return nil, err
	}
	ns.Cards.Restore(st.Cards)
	ns.SMS.Load(st.SMS)
	for pname, raw := range st.Domains {
		d := ns.Domain(pname)
		if d == nil {
			return nil, fmt.Errorf("state file %s: namespace %s: provider %q is not mounted", path, name, pname)
		}
		if err := d.Restore(raw); err != nil {
			return nil, fmt.Errorf("state file %s: namespace %s: %s: %w", path, name, pname, err)
		}
		skipIDs(d, gap, s.epoch)
	}
	ns.Touch(s.now())
	slot.ns = ns
	return slot, nil
}

// discardState removes the state file and its log (-state-reset).
func discardState(path string) error {
	for _, p := range []string{path, path + ".log"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("-state-reset: %w", err)
		}
	}
	return nil
}
