package sandbox

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/scenarios"
)

// State sync modes (-state-sync).
const (
	SyncInterval = "interval"
	SyncAlways   = "always"
)

// compactAt: in always mode, the log is folded into the state file once it
// grows past this (or past the file itself, whichever is larger).
const compactAt = 64 << 20

func (s *Server) alwaysSync() bool { return s.opts.StateSync == SyncAlways }

// openState restores the state file, if any, and starts saving it. A file
// that cannot be written fails here, at start, not at every save.
func (s *Server) openState(sc *scenarios.Scenario) error {
	path := s.opts.StateFile
	s.state.enc, s.state.logged = map[string]*encodedNS{}, map[string]*encodedNS{}
	if path == "" {
		return nil
	}
	switch s.opts.StateSync {
	case "", SyncInterval, SyncAlways:
	default:
		return fmt.Errorf("-state-sync: want %s or %s, got %q", SyncInterval, SyncAlways, s.opts.StateSync)
	}
	var err error
	if s.startScenario, err = identify(sc); err != nil {
		return err
	}
	if err := checkWritable(path); err != nil {
		return err
	}
	if err := s.RestoreState(path); err != nil {
		return err
	}
	s.commits = newCommitter(s)
	go s.commits.loop(s.stop)
	if !s.alwaysSync() {
		every := s.opts.StateInterval
		if every <= 0 {
			every = time.Second
		}
		go s.persistLoop(path, every, s.stop)
	}
	return nil
}

// checkWritable proves the state file's directory takes a file now: a
// missing or read-only directory is a start-up error, with the fix.
func checkWritable(path string) error {
	dir := filepath.Dir(path)
	probe, err := os.CreateTemp(dir, ".paysandbox-probe-*")
	if err != nil {
		return fmt.Errorf("-state-file %s: cannot write in %s (%v); create the directory or make it writable, or choose another -state-file", path, dir, err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// closeState releases the unused reservations (nothing is in flight any
// more: a clean restart skips no ids), saves a last time and closes the log.
func (s *Server) closeState() error {
	if s.opts.StateFile == "" {
		return nil
	}
	s.ns.mu.RLock()
	for _, slot := range s.ns.m {
		n := slot.ids.finished.Load()
		if slot.ids.started.Load() == n {
			slot.ids.reserved.Store(n)
		}
	}
	s.ns.mu.RUnlock()
	err := s.SaveState(s.opts.StateFile)
	s.state.mu.Lock()
	defer s.state.mu.Unlock()
	s.state.logMu.Lock()
	defer s.state.logMu.Unlock()
	if s.state.log != nil {
		_ = s.state.log.close()
		s.state.log = nil
	}
	return err
}

// committer is the group commit: whoever needs the state log on disk takes
// a ticket and waits; one writer appends what changed for every ticket
// taken so far, fsyncs once, and releases them all.
type committer struct {
	s       *Server
	mu      sync.Mutex
	cond    *sync.Cond
	asked   uint64
	done    uint64
	reserve map[string]*nsSlot
	kick    chan struct{}
	closed  bool // the loop has stopped: nobody waits any more
}

func newCommitter(s *Server) *committer {
	c := &committer{s: s, reserve: map[string]*nsSlot{}, kick: make(chan struct{}, 1)}
	c.cond = sync.NewCond(&c.mu)
	return c
}

// ask has a reservation for slot logged soon, without waiting for it.
func (c *committer) ask(name string, slot *nsSlot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.reserve[name] = slot
	c.asked++
	select {
	case c.kick <- struct{}{}:
	default:
	}
}

// wait returns once everything changed before it was called is on disk
// (and, with slot set, once slot may let another request in).
func (c *committer) wait(name string, slot *nsSlot) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	if slot != nil {
		c.reserve[name] = slot
	}
	c.asked++
	ticket := c.asked
	select {
	case c.kick <- struct{}{}:
	default:
	}
	for c.done < ticket {
		c.cond.Wait()
	}
	c.mu.Unlock()
}

func (c *committer) loop(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			c.mu.Lock()
			c.closed = true
			c.done = c.asked // the last save follows; nobody waits forever
			c.cond.Broadcast()
			c.mu.Unlock()
			return
		case <-c.kick:
		}
		c.mu.Lock()
		ticket, reserve := c.asked, c.reserve
		c.reserve = map[string]*nsSlot{}
		c.mu.Unlock()
		if err := c.s.commit(reserve); err != nil {
			c.s.log.Error("writing the state log", "path", c.s.opts.StateFile, "err", err)
		}
		c.mu.Lock()
		c.done = max(c.done, ticket)
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// commit appends the reservations asked for and, in always mode, every
// change since the last commit, with one fsync; then folds a grown log
// into the state file.
func (s *Server) commit(reserve map[string]*nsSlot) error {
	st := &s.state
	if s.alwaysSync() {
		st.mu.Lock() // the refresh below encodes
		defer st.mu.Unlock()
	}
	var recs []logRecord
	type raise struct {
		slot *nsSlot
		to   uint64
	}
	var raises []raise
	for name, slot := range reserve {
		to := slot.ids.started.Load() + reserveBlock
		recs = append(recs, logRecord{NS: name, Reserved: &to})
		raises = append(raises, raise{slot, to})
	}
	if s.alwaysSync() {
		d, err := s.refresh()
		if err != nil {
			return err
		}
		recs = append(recs, s.logRecords(d)...)
	}
	st.logMu.Lock()
	if st.log == nil { // closed
		st.logMu.Unlock()
		return nil
	}
	err := st.log.appendRecords(recs)
	st.logMu.Unlock()
	if err != nil {
		return err
	}
	for _, r := range raises {
		for cur := r.slot.ids.reserved.Load(); cur < r.to && !r.slot.ids.reserved.CompareAndSwap(cur, r.to); {
			cur = r.slot.ids.reserved.Load()
		}
		r.slot.ids.asking.Store(false)
	}
	if s.alwaysSync() && st.log.size > compactAt {
		if err := s.writeFile(s.opts.StateFile, st.log.seq); err != nil {
			return err
		}
		st.logMu.Lock()
		defer st.logMu.Unlock()
		return st.log.truncate()
	}
	return nil
}

// admitRequest counts a provider request in and, past the namespace's
// durable reservation, waits for a new one (issue 13.6). The returned
// func counts it out; call it once the request's changes are applied.
func (s *Server) admitRequest(name string) func() {
	if s.commits == nil {
		return func() {}
	}
	slot := s.ns.slotOf(name)
	if slot == nil {
		return func() {}
	}
	n := slot.ids.started.Add(1)
	// A quarter of the block used: the next one is logged meanwhile, so a
	// request waits for an fsync only if the disk is slower than the
	// remaining three quarters of the block (a new namespace's first waits).
	if r := slot.ids.reserved.Load(); n <= r && n+reserveBlock*3/4 > r && !slot.ids.asking.Swap(true) {
		s.commits.ask(name, slot)
	}
	for n > slot.ids.reserved.Load() {
		s.commits.wait(name, slot)
		if s.isClosed() {
			break
		}
	}
	return func() { slot.ids.finished.Add(1) }
}

func (s *Server) isClosed() bool {
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

// durableWriter marks the namespace changed as the answer starts (the
// operation has applied by then) and, in always mode, holds the answer
// until the change is in the fsynced log: an acknowledged change survives
// SIGKILL.
type durableWriter struct {
	http.ResponseWriter
	s       *Server
	changes changeMark // reports whether the request changed state
	marked  bool
}

// changeMark reports, as the answer starts, whether the request changed
// state (and marks the namespace changed if so). An interface, not a
// func: a provider request's mark is a method of its served, and a
// method value would be one more allocation per request.
type changeMark interface{ markChanged() bool }

// markFunc is a changeMark from a func (the control API's).
type markFunc func() bool

func (f markFunc) markChanged() bool { return f() }

// settle marks the change once; before an answer it also waits for the
// disk (always mode). After the handler (wait false) it only marks: a
// dropped connection acknowledged nothing.
func (w *durableWriter) settle(wait bool) {
	if w.marked {
		return
	}
	w.marked = true
	if w.changes.markChanged() && wait && w.s.commits != nil && w.s.alwaysSync() {
		w.s.commits.wait("", nil)
	}
}

func (w *durableWriter) WriteHeader(status int) {
	w.settle(true)
	w.ResponseWriter.WriteHeader(status)
}

func (w *durableWriter) Write(b []byte) (int, error) {
	w.settle(true)
	return w.ResponseWriter.Write(b)
}

func (w *durableWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// providerChange: a request that reached an operation may have changed its
// provider's domain, the cards and the SMS outbox.
func providerChanged(ns *core.Namespace, provider string, call *httpx.Call) bool {
	if call.Operation == "" {
		return false
	}
	ns.Changed(provider)
	return true
}

// adminChange: a control-API write may change anything in the namespace
// (clock, cards, reset, scenario).
func (s *Server) adminChange(r *http.Request, name string) func() bool {
	return func() bool {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			return false
		}
		if slot := s.ns.slotOf(name); slot != nil {
			slot.ns.Changed("")
		}
		return true
	}
}
