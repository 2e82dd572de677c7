package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
)

// stateVersion is the state file format this binary writes and reads. Bump
// it when a change to the file or to a domain snapshot would misread an
// older file; testdata/state-v1.json is a file of version 1 as released.
// Version 2: the domains snapshot their state structs themselves
// (core.EncodeSnapshot), so a version 1 file is refused up front.
const stateVersion = 2

// stateFile is what -state-file holds: every namespace, consistent.
type stateFile struct {
	Version    int                `json:"version"`
	SavedAt    time.Time          `json:"saved_at"`
	Base       json.RawMessage    `json:"base_scenario"`
	Namespaces map[string]nsState `json:"namespaces"`
}

type nsState struct {
	Scenario json.RawMessage            `json:"scenario,omitempty"` // the namespace's own, when replaced
	Clock    time.Time                  `json:"clock"`
	Cards    []core.Card                `json:"cards"`
	SMS      []sms.Message              `json:"sms"`
	Domains  map[string]json.RawMessage `json:"domains"`
}

// snapshotNamespace locks every domain of ns (in provider order), so that no
// operation is half-applied, and copies domains, cards, clock and SMS.
func (s *Server) snapshotNamespace(ns *core.Namespace) (nsState, error) {
	var locked []core.Domain
	defer func() {
		for i := len(locked) - 1; i >= 0; i-- {
			locked[i].UnlockState()
		}
	}()
	for _, p := range s.providers {
		d := ns.Domain(p.name)
		if d == nil {
			return nsState{}, fmt.Errorf("provider %s has no state in namespace %s", p.name, ns.Name)
		}
		d.LockState()
		locked = append(locked, d)
	}
	st := nsState{Clock: ns.Clock.Now(), Cards: ns.Cards.All(), SMS: ns.SMS.All(), Domains: map[string]json.RawMessage{}}
	for i, p := range s.providers {
		b, err := locked[i].SnapshotLocked()
		if err != nil {
			return nsState{}, fmt.Errorf("%s: %w", p.name, err)
		}
		st.Domains[p.name] = b
	}
	return st, nil
}

// SaveState writes every namespace to path atomically: a temporary file in
// the same directory, fsync, rename, fsync of the directory. A crash at any
// point leaves either the old file or the new one, never a torn one.
func (s *Server) SaveState(path string) error {
	base, err := s.base.Load().JSON()
	if err != nil {
		return err
	}
	out := stateFile{Version: stateVersion, SavedAt: s.now().UTC(), Base: base, Namespaces: map[string]nsState{}}
	s.ns.mu.RLock()
	slots := make(map[string]*nsSlot, len(s.ns.m))
	for name, slot := range s.ns.m {
		slots[name] = slot
	}
	s.ns.mu.RUnlock()
	for name, slot := range slots {
		st, err := s.snapshotNamespace(slot.ns)
		if err != nil {
			return fmt.Errorf("namespace %s: %w", name, err)
		}
		if slot.override != nil {
			if st.Scenario, err = slot.override.JSON(); err != nil {
				return err
			}
		}
		out.Namespaces[name] = st
	}
	data, err := json.Marshal(out)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".paysandbox-state-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// RestoreState loads path, if it exists, into fresh namespaces.
func (s *Server) RestoreState(path string) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	// The version is read alone first: another version's layout may not
	// even decode into this one's.
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return fmt.Errorf("state file %s is not readable: %w", path, err)
	}
	if head.Version != stateVersion {
		return fmt.Errorf("state file %s written by version %d, this binary reads %d", path, head.Version, stateVersion)
	}
	var in stateFile
	if err := json.Unmarshal(data, &in); err != nil {
		return fmt.Errorf("state file %s is not readable: %w", path, err)
	}
	base, err := LoadScenario(path+" (base scenario)", in.Base)
	if err != nil {
		return err
	}
	s.base.Store(base)
	s.ns.mu.Lock()
	defer s.ns.mu.Unlock()
	for name, st := range in.Namespaces {
		sc := base
		slot := &nsSlot{}
		if len(st.Scenario) > 0 {
			if slot.override, err = LoadScenario(path+" (namespace "+name+")", st.Scenario); err != nil {
				return err
			}
			sc = slot.override
		}
		ns := s.build(name, sc)
		ns.Clock.Set(st.Clock)
		ns.Cards.Restore(st.Cards)
		ns.SMS.Load(st.SMS)
		for pname, raw := range st.Domains {
			d := ns.Domain(pname)
			if d == nil {
				return fmt.Errorf("state file %s: namespace %s: provider %q is not mounted", path, name, pname)
			}
			if err := d.Restore(raw); err != nil {
				return fmt.Errorf("state file %s: namespace %s: %s: %w", path, name, pname, err)
			}
		}
		ns.Touch(s.now())
		slot.ns = ns
		s.ns.m[name] = slot
	}
	return nil
}

// persistLoop saves the state every interval until stop.
func (s *Server) persistLoop(path string, every time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if err := s.SaveState(path); err != nil {
				s.log.Error("saving the state file", "path", path, "err", err)
			}
		}
	}
}
