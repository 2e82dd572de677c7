package sandbox

import (
	"bufio"
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// stateStore is what the state file and its log hold, kept encoded: a save
// encodes again only the namespaces that changed since (issue 13.5), and
// writes nothing when none did.
type stateStore struct {
	mu        sync.Mutex // one save (or, always mode, commit) at a time
	logMu     sync.Mutex // appends to log; taken after mu, never before
	enc       map[string]*encodedNS
	logged    map[string]*encodedNS // as the log last recorded each namespace
	base      *scenarios.Scenario
	baseRaw   []byte
	baseLog   *scenarios.Scenario // the base the log last recorded
	writtenTo string              // the file that holds enc as it is, if any
	log       *stateLog           // nil without a state file
	epoch     uint64
}

// slotView is what a save reads of a namespace slot.
type slotView struct {
	ns       *core.Namespace
	override *scenarios.Scenario
	ops      uint64
	reserved uint64
	idGap    uint64
}

// delta is what a refresh found changed.
type delta struct {
	changed []string
	removed []string
	base    bool
}

func (d delta) empty() bool { return len(d.changed) == 0 && len(d.removed) == 0 && !d.base }

// refresh encodes again what changed since the last refresh; st.mu held.
func (s *Server) refresh() (delta, error) {
	st := &s.state
	var d delta
	if base := s.base.Load(); base != st.base {
		raw, err := base.JSON()
		if err != nil {
			return d, err
		}
		st.base, st.baseRaw, d.base = base, raw, true
	}
	live := s.ns.views()
	for name, v := range live {
		e, changed, err := s.encodeNamespace(name, v, st.enc[name])
		if err != nil {
			return d, err
		}
		if changed {
			st.enc[name] = e
			d.changed = append(d.changed, name)
		}
	}
	for name := range st.enc {
		if _, ok := live[name]; !ok {
			delete(st.enc, name)
			d.removed = append(d.removed, name)
		}
	}
	return d, nil
}

// writeFile writes every namespace to path atomically: a temporary file in
// the same directory, fsync, rename, fsync of the directory. A crash at any
// point leaves either the old file or the new one, never a torn one.
// seq is the last log record the file holds.
func (s *Server) writeFile(path string, seq uint64) error {
	st := &s.state
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".paysandbox-state-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	w := bufio.NewWriterSize(tmp, 1<<20)
	head, err := json.Marshal(fileHead{Version: stateVersion, SavedAt: s.now().UTC(), Scenario: s.startScenario,
		Epoch: st.epoch, LogSeq: seq, Base: st.baseRaw})
	if err != nil {
		tmp.Close()
		return err
	}
	w.Write(head[:len(head)-1])
	w.WriteString(`,"namespaces":{`)
	for i, name := range slices.Sorted(maps.Keys(st.enc)) {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteString(strconv.Quote(name))
		w.WriteByte(':')
		st.enc[name].writeTo(w, s.providers, nil)
	}
	w.WriteString("}}")
	if err := w.Flush(); err != nil {
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
	st.writtenTo = path
	return nil
}

// logRecords turns a refresh's delta into log records: each changed
// namespace with only the domains snapshotted again (all of them, Full,
// when it was rebuilt), each removed one, the base scenario if replaced.
func (s *Server) logRecords(d delta) []logRecord {
	st := &s.state
	var recs []logRecord
	if st.base != st.baseLog {
		recs = append(recs, logRecord{Base: st.baseRaw})
		st.baseLog = st.base
	}
	for _, name := range d.changed {
		e, prev := st.enc[name], st.logged[name]
		full := prev == nil || prev.ns != e.ns
		var only map[string]bool
		if !full {
			only = map[string]bool{}
			for p, dom := range e.domains {
				if old, ok := prev.domains[p]; !ok || old.gen != dom.gen {
					only[p] = true
				}
			}
		}
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		e.writeTo(w, s.providers, only)
		w.Flush()
		recs = append(recs, logRecord{NS: name, State: buf.Bytes(), Full: full})
		st.logged[name] = e
	}
	for _, name := range d.removed {
		recs = append(recs, logRecord{NS: name, Removed: true})
		delete(st.logged, name)
	}
	return recs
}

// fileHead is the state file without its namespaces.
type fileHead struct {
	Version  int             `json:"version"`
	SavedAt  time.Time       `json:"saved_at"`
	Scenario scenarioID      `json:"scenario"`
	Epoch    uint64          `json:"epoch,omitempty"`
	LogSeq   uint64          `json:"log_seq,omitempty"`
	Base     json.RawMessage `json:"base_scenario"`
}
