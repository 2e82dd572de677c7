package sandbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/paysandbox/paysandbox/scenarios"
)

// stateVersion is the state file format this binary writes and reads. Bump
// it when a change to the file or to a domain snapshot would misread an
// older file; testdata/state-v1.json is a file of version 1 as released.
// Version 2: the domains snapshot their state structs themselves
// (core.EncodeSnapshot), so a version 1 file is refused up front. Fields
// added since (scenario, epoch, log_seq, per namespace clock_read_at,
// built_at, ops, reserved, id_gap) are optional: a file without them loads.
const stateVersion = 2

// stateFile is what -state-file holds: every namespace, consistent.
type stateFile struct {
	fileHead
	Namespaces map[string]*nsState `json:"namespaces"`
}

// scenarioID names the scenario a state file was written under (-scenario
// at start): a restart with another one is refused (issue 13.7).
type scenarioID struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
}

func (id scenarioID) String() string { return fmt.Sprintf("%q (sha256 %s)", id.Name, id.SHA256) }

func identify(sc *scenarios.Scenario) (scenarioID, error) {
	raw, err := sc.JSON()
	if err != nil {
		return scenarioID{}, err
	}
	sum := sha256.Sum256(raw)
	name := sc.Name
	if name == "" {
		name = sc.Source
	}
	return scenarioID{Name: name, SHA256: hex.EncodeToString(sum[:8])}, nil
}

// SaveState writes the state file when anything changed since it was last
// written to path: only the namespaces that changed are encoded again,
// each under its own locks alone, and an idle sandbox writes nothing.
func (s *Server) SaveState(path string) error {
	st := &s.state
	st.mu.Lock()
	defer st.mu.Unlock()
	// In interval mode, reservations are appended meanwhile (under logMu
	// alone, so that no request waits for a save): the file holds what the
	// log held before the refresh read the namespaces, and the log is
	// emptied only if nothing was appended since.
	seq := st.logSeq()
	d, err := s.refresh()
	if err != nil {
		return err
	}
	if d.empty() && st.writtenTo == path {
		return nil
	}
	if st.log != nil && s.alwaysSync() {
		// The file claims the log's last seq: the log must hold it all
		// first. In always mode every append holds mu: none can interleave.
		st.logMu.Lock()
		err := st.log.appendRecords(s.logRecords(d))
		seq = st.log.seq
		st.logMu.Unlock()
		if err != nil {
			return err
		}
	}
	if err := s.writeFile(path, seq); err != nil {
		return err
	}
	if st.log == nil || st.log.path != path+".log" {
		return nil
	}
	st.logMu.Lock()
	defer st.logMu.Unlock()
	if st.log.seq != seq {
		return nil // a reservation came in meanwhile: keep the log until the next save
	}
	return st.log.truncate()
}

// logSeq is the last record's seq in the log (0 without one).
func (st *stateStore) logSeq() uint64 {
	st.logMu.Lock()
	defer st.logMu.Unlock()
	if st.log == nil {
		return 0
	}
	return st.log.seq
}

// readStateFile reads path; a missing file is no state (nil).
func readStateFile(path string) (*stateFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	// The version is read alone first: another version's layout may not
	// even decode into this one's.
	var head struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("state file %s is not readable: %w", path, err)
	}
	if head.Version != stateVersion {
		return nil, fmt.Errorf("state file %s written by version %d, this binary reads %d", path, head.Version, stateVersion)
	}
	var in stateFile
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("state file %s is not readable: %w", path, err)
	}
	return &in, nil
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
