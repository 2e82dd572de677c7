package sandbox

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/admin"
	"github.com/paysandbox/paysandbox/mockserver/dashboard"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Version is the sandbox version reported by /__admin/health.
var Version = "0.1.0"

// Options is what an embedder injects. Provider knobs live in the scenario.
type Options struct {
	// Scenario to serve; nil means the embedded default.
	Scenario *scenarios.Scenario
	// Logger; nil discards.
	Logger *slog.Logger
	// Strict also validates every response against the contract and reports
	// violations loudly in the log and the journal.
	Strict bool
	// Now is the wall clock (time.Now when nil); sandbox clocks start from it.
	Now func() time.Time
	// NamespaceTTL drops namespaces idle for longer (0 = never).
	NamespaceTTL time.Duration
	// JournalSize bounds each namespace's journal (default 500 entries).
	JournalSize int
	// StateFile, when set, is restored at start and saved every
	// StateInterval (default 1s) and at Close.
	StateFile     string
	StateInterval time.Duration
	// StateSync is "interval" (the default: a snapshot every
	// StateInterval; a crash loses up to that much) or "always" (every
	// acknowledged change is in the state log, fsynced, before its answer).
	// In both, no id is ever issued twice (idfloor.go).
	StateSync string
	// StateReset discards the state file (and its log) at start instead of
	// restoring it; without it, a file written under another scenario is
	// refused.
	StateReset bool
	// MountInBackground makes New return before the provider adapters are
	// built from their contracts (most of start-up): the server can listen
	// at once, a request to a provider waits for its adapter, and Ready
	// reports how mounting ended. Without it New waits and fails on error.
	MountInBackground bool
	// AdminToken, when set, is required on /__admin (except health) as
	// `Authorization: Bearer <token>` or `X-Admin-Token: <token>`.
	AdminToken string
	// GuardControlAPI refuses, when there is no AdminToken, what a web page
	// could make a browser send to the control API: a foreign Host (DNS
	// rebinding), a foreign Origin on writes, a POST typed as a form or text
	// (issue 13.8). The binary sets it; an embedder serving only its own
	// tests may leave it off.
	GuardControlAPI bool
	// MaxNamespaces bounds the live namespaces (default 10,000); past it a
	// request that would create one is answered 503 in the provider's
	// envelope, naming the limit.
	MaxNamespaces int
	// NoWhyHeader leaves out the X-Paysandbox-Why response header (for
	// users who diff headers); the journal and the debug log keep the why.
	NoWhyHeader bool
}

// Server is the sandbox.
type Server struct {
	opts      Options
	log       *slog.Logger
	now       func() time.Time
	started   time.Time
	providers []provider
	byName    map[string]*provider
	ns        *namespaces
	admin     http.Handler
	dashboard http.Handler
	base      atomic.Pointer[scenarios.Scenario]
	stop      chan struct{}
	mounted   <-chan error // receives mount's outcome once
	mountErr  error
	mountOnce sync.Once

	state         stateStore
	startScenario scenarioID
	idGaps        map[string]uint64 // set by RestoreState, before serving
	epoch         uint64
	commits       *committer // nil without a state file

	compiledMu  sync.Mutex // compiledOf's one-entry cache
	compiledFor *scenarios.Scenario
	compiled    compiled
}

// New builds the server: contracts, routers and validators are loaded once
// here, so a broken contract fails start-up, not a request.
func New(opts Options) (*Server, error) {
	s := &Server{opts: opts, log: opts.Logger, now: opts.Now, stop: make(chan struct{})}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.started = s.now()
	sc := opts.Scenario
	if sc == nil {
		var err error
		if sc, err = sharedDefault(); err != nil {
			return nil, err
		}
	}
	s.base.Store(sc)
	s.providers = providerTable(opts.Now)
	workers := len(s.providers)
	if opts.MountInBackground {
		workers = runtime.GOMAXPROCS(0) - 1
	}
	s.mounted = mount(s.providers, workers, opts.MountInBackground)
	if !opts.MountInBackground {
		if err := s.Ready(); err != nil {
			return nil, err
		}
	}
	s.byName = map[string]*provider{}
	for i := range s.providers {
		s.byName[s.providers[i].name] = &s.providers[i]
	}
	s.ns = newNamespaces(s)
	s.admin = admin.New(hostOf(s))
	s.dashboard = dashboard.Handler()
	if err := s.openState(sc); err != nil {
		return nil, err
	}
	if opts.NamespaceTTL > 0 {
		go s.ns.expireLoop(opts.NamespaceTTL, s.stop)
	}
	return s, nil
}

// Ready waits until every provider adapter is built and returns the first
// mounting error (a broken contract), if any.
func (s *Server) Ready() error {
	s.mountOnce.Do(func() { s.mountErr = <-s.mounted })
	return s.mountErr
}

// Close stops background work and, with a state file, saves the state a
// last time (D-8).
func (s *Server) Close() error {
	select {
	case <-s.stop:
		return nil
	default:
		close(s.stop)
	}
	return s.closeState()
}

// Prefixes lists the mounted provider prefixes.
func (s *Server) Prefixes() []string {
	out := make([]string, 0, len(s.providers))
	for _, p := range s.providers {
		out = append(out, "/"+p.name)
	}
	return out
}

// ScenarioName is the base scenario's name.
func (s *Server) ScenarioName() string {
	sc := s.base.Load()
	if sc.Name != "" {
		return sc.Name
	}
	return sc.Source
}

// ServeHTTP dispatches /ns/{name}/..., /__admin/..., /{provider}/... and /.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	nsName, path := "default", r.URL.Path
	if rest, ok := strings.CutPrefix(path, "/ns/"); ok {
		name, tail, _ := strings.Cut(rest, "/")
		if !validNamespace(name) {
			writeJSON(w, http.StatusBadRequest, map[string]any{
				"error": "invalid namespace", "message": "namespace names are 1-64 of [A-Za-z0-9._-]"})
			return
		}
		nsName, path = name, "/"+tail
	}
	head, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	switch {
	case head == "__admin":
		s.serveAdmin(w, r, nsName, path)
	case s.byName[head] != nil:
		s.serveProvider(w, r, s.byName[head], nsName, strings.TrimPrefix(path, "/"+head))
	case path == "/" && r.Method == http.MethodGet:
		s.dashboard.ServeHTTP(w, r)
	default:
		writeJSON(w, http.StatusNotFound, map[string]any{
			"error":    "not found",
			"message":  "no such path; providers are mounted under these prefixes (also under /ns/{name}/)",
			"prefixes": append(s.Prefixes(), "/__admin"),
		})
	}
}

func validNamespace(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
