package sandbox

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
)

// Issue 13.1: a shared sandbox must not let one client exhaust it with
// namespaces. A provider request to a namespace that does not exist yet
// creates it pending; the namespace stays only if the request showed it is
// real use (it reached a provider operation and passed authentication).
// Live namespaces are capped.

// DefaultMaxNamespaces is the cap when Options.MaxNamespaces is 0.
const DefaultMaxNamespaces = 10_000

var errNamespaceLimit = errors.New("namespace limit reached")

func (n *namespaces) max() int {
	if m := n.s.opts.MaxNamespaces; m > 0 {
		return m
	}
	return DefaultMaxNamespaces
}

// enter returns the namespace a provider request runs in. One that does not
// exist is built pending (under the cap); leave keeps it or drops it. The
// slot returned is nil for a namespace already real: the common case takes
// only the read lock, and leave nothing.
func (n *namespaces) enter(name string) (*core.Namespace, *nsSlot, error) {
	now := n.s.now()
	n.mu.RLock()
	slot, ok := n.m[name]
	settled := ok && !slot.pending
	n.mu.RUnlock()
	if settled {
		slot.ns.Touch(now)
		return slot.ns, nil, nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	slot, ok = n.m[name]
	if !ok {
		if name != "default" && len(n.m) >= n.max() {
			return nil, nil, errNamespaceLimit
		}
		// The default namespace is one, whatever is sent: it is real at once,
		// so its journal shows even a first request that was refused.
		slot = &nsSlot{ns: n.s.build(name, n.s.base.Load()), pending: name != "default"}
		n.m[name] = slot
	}
	if slot.pending {
		slot.inflight++
	}
	slot.ns.Touch(now)
	return slot.ns, slot, nil
}

// leave ends a provider request: a pending namespace becomes real when the
// request was real use, and is dropped when no request in it was.
func (n *namespaces) leave(name string, slot *nsSlot, used bool) {
	if slot == nil {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if !slot.pending {
		return
	}
	slot.inflight--
	switch {
	case used:
		slot.pending = false
	case slot.inflight == 0 && n.m[name] == slot:
		delete(n.m, name)
	}
}

// admitted: the request reached a provider operation and was not refused
// for its credentials (every provider answers those with HTTP 401).
func admitted(call *httpx.Call, rec *recorder) bool {
	return call.Operation != "" && rec.status != http.StatusUnauthorized
}

// full reports whether a namespace that does not exist could not be
// created. The default namespace is always allowed (health checks use it).
func (n *namespaces) full(name string) bool {
	if name == "default" {
		return false
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	_, ok := n.m[name]
	return !ok && len(n.m) >= n.max()
}

// refuseNamespace answers a request that would pass the namespace cap: 503
// in the provider's own envelope (its system error), the limit named in
// X-Paysandbox-Why.
func (s *Server) refuseNamespace(w http.ResponseWriter, r *http.Request, p *provider, err error) {
	why := fmt.Sprintf("%v: %d live namespaces (-max-namespaces); reset or reuse namespaces, or drop idle ones with -ns-ttl", err, s.ns.max())
	w.Header().Set(httpx.WhyHeader, why)
	p.adapter.InternalError(&statusOverride{ResponseWriter: w, status: http.StatusServiceUnavailable}, r)
}

// statusOverride answers with its own status whatever the adapter writes.
type statusOverride struct {
	http.ResponseWriter
	status int
}

func (w *statusOverride) WriteHeader(int) { w.ResponseWriter.WriteHeader(w.status) }

func (w *statusOverride) Write(b []byte) (int, error) { return w.ResponseWriter.Write(b) }
