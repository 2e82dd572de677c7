package core

import (
	"maps"
	"sync"
	"sync/atomic"
	"time"
)

// changes counts the state changes of a namespace, in total and per
// provider, so that the state saver encodes again only what moved (issue
// 13.5): a namespace nobody touched since the last save is not encoded, and
// a provider domain nobody called is not snapshotted again.
type changes struct {
	total atomic.Uint64
	mu    sync.Mutex
	by    map[string]uint64
}

// Changed records that a request or a control-API write may have changed
// the namespace: provider's domain (and the shared cards, clock and SMS),
// or, with provider "", everything. Call it after the change is applied:
// a saver that read the generation before encoding then never misses it.
func (n *Namespace) Changed(provider string) {
	c := &n.changes
	c.mu.Lock()
	if c.by == nil {
		c.by = map[string]uint64{}
	}
	if provider == "" {
		c.by[""]++ // every domain: see DomainGeneration
	} else {
		c.by[provider]++
	}
	c.mu.Unlock()
	c.total.Add(1)
}

// Generation counts the changes of the namespace so far.
func (n *Namespace) Generation() uint64 { return n.changes.total.Load() }

// DomainGeneration counts the changes that may have touched provider's
// domain (its own, plus those of the whole namespace).
func (n *Namespace) DomainGeneration(provider string) uint64 {
	c := &n.changes
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.by[provider] + c.by[""]
}

// BuiltDomains returns the domains built so far, without building the
// others: a snapshot of a namespace must not pay for a provider it never used.
func (n *Namespace) BuiltDomains() map[string]Domain {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return maps.Clone(n.domains)
}

// BuiltAt is the sandbox time the namespace's lazy domains are built as of
// (SetDomainBuilder); a state file keeps it, so a domain first used after a
// restart seeds the same dated data as it would have before.
func (n *Namespace) BuiltAt() time.Time {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.builtAt
}

// RestoreBuiltAt sets BuiltAt back to a saved instant (a zero t is ignored).
func (n *Namespace) RestoreBuiltAt(t time.Time) {
	if t.IsZero() {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	n.builtAt = t
}
