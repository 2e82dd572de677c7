package core

import (
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/coverage"
	"github.com/paysandbox/paysandbox/mockserver/core/journal"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
)

// Env is what a provider domain is built from, per namespace.
type Env struct {
	Namespace string
	Seed      int64 // namespace seed: same scenario and name, same ids and codes
	Clock     clock.Clock
	SMS       *sms.Outbox
	Cards     *Cards
	Log       *slog.Logger
}

// Domain is one provider's state in one namespace, as the sandbox and the
// control API see it: snapshot and restore (-state-file) and a state view
// (GET /__admin/state/{provider}). Reset is not a method: a namespace is
// reset by building its domains again from the scenario.
type Domain interface {
	Persistent
	// StateView is a JSON-ready view of the state, card numbers masked.
	StateView() any
}

// Namespace is one independent sandbox: its own cards, provider state, clock,
// SMS outbox, journal and rules. Reset builds a new one instead of clearing
// fields, so nothing is forgotten.
type Namespace struct {
	Name    string
	Seed    int64
	Clock   *clock.Sandbox
	SMS     *sms.Outbox
	Journal *journal.Journal
	Rules   *rules.Engine
	Cards   *Cards
	Log     *slog.Logger
	// Latency is the delay before a provider's answer (the scenario's
	// settings.latency, jitter drawn per call); nil means none.
	Latency func(provider string) time.Duration
	// Coverage counts the answers given since the namespace was built (or
	// reset); Lifetime since it was first created: reset keeps it.
	Coverage *coverage.Counter
	Lifetime *coverage.Counter

	mu       sync.RWMutex
	domains  map[string]Domain
	builders map[string]func(Env) Domain // domains not built yet
	builtAt  time.Time                   // the sandbox time lazy domains are built as of
	lastUsed atomic.Int64
	changes  changes // what the state saver has to write again (changes.go)
}

// Env returns the environment provider domains are built from.
func (n *Namespace) Env() Env {
	return Env{Namespace: n.Name, Seed: n.Seed, Clock: n.Clock, SMS: n.SMS, Cards: n.Cards, Log: n.Log}
}

// SetDomain installs a provider's domain state (while the namespace is built).
func (n *Namespace) SetDomain(provider string, d Domain) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.domains == nil {
		n.domains = map[string]Domain{}
	}
	n.domains[provider] = d
}

// SetDomainBuilder installs how a provider's domain state is built; Domain
// builds it on first use (issue 15: a namespace a test uses for one
// provider does not pay for the other three). It is built as of the time
// SetDomainBuilder was first called: while build runs, its Env's clock
// reads that instant (a domain seeding dated data sees what an eager build
// saw), and the live namespace clock ever after.
func (n *Namespace) SetDomainBuilder(provider string, build func(Env) Domain) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.builders == nil {
		n.builders = map[string]func(Env) Domain{}
		n.builtAt = n.Clock.Now()
	}
	n.builders[provider] = build
}

// Domain returns a provider's domain state, building it on first use; nil
// when no such provider is mounted.
func (n *Namespace) Domain(provider string) Domain {
	n.mu.RLock()
	d, ok := n.domains[provider]
	n.mu.RUnlock()
	if ok {
		return d
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if d, ok := n.domains[provider]; ok {
		return d
	}
	build, ok := n.builders[provider]
	if !ok {
		return nil
	}
	env := n.Env()
	at := &asOf{at: n.builtAt, live: n.Clock}
	env.Clock = at
	d = build(env)
	at.built.Store(true)
	delete(n.builders, provider)
	if n.domains == nil {
		n.domains = map[string]Domain{}
	}
	n.domains[provider] = d
	return d
}

// asOf reads a fixed instant until built, then the live clock.
type asOf struct {
	at    time.Time
	live  clock.Clock
	built atomic.Bool
}

func (a *asOf) Now() time.Time {
	if a.built.Load() {
		return a.live.Now()
	}
	return a.at
}

// Touch marks the namespace as used now (real time: idle expiry is about
// memory, not about the sandbox clock).
func (n *Namespace) Touch(now time.Time) { n.lastUsed.Store(now.UnixNano()) }

// LastUsed is when the namespace was last touched.
func (n *Namespace) LastUsed() time.Time { return time.Unix(0, n.lastUsed.Load()) }

// Persistent is implemented by provider domains whose state survives a
// restart (-state-file). The sandbox locks every domain of a namespace (in
// provider order), then snapshots the domains and the card ledger, then
// unlocks: since every money move runs under its domain's lock, the
// snapshot never holds a half-applied operation.
type Persistent interface {
	LockState()
	UnlockState()
	// SnapshotLocked returns the domain's state as JSON; called between
	// LockState and UnlockState.
	SnapshotLocked() ([]byte, error)
	// Restore loads a snapshot into a freshly built domain.
	Restore(data []byte) error
}

// IDSkipper is implemented by domains that issue ids (issue 13.6): after a
// crash, the sandbox restores a snapshot that may predate ids already
// answered, and tells the domain to skip that many of each sequential id
// and to re-key its random streams by epoch (a number raised at each
// start), so that no id is ever issued twice.
type IDSkipper interface {
	SkipIDs(n int64, epoch uint64)
}

// SkipCounters advances each sequential id counter by n (IDSkipper).
func SkipCounters[T ~int64](n int64, counters ...*T) {
	for _, c := range counters {
		*c += T(n)
	}
}
