package sandbox

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// nsState is one namespace in the state file (and in a state log record).
type nsState struct {
	Scenario json.RawMessage `json:"scenario,omitempty"` // the namespace's own, when replaced
	Clock    time.Time       `json:"clock"`
	// ClockReadAt is the wall time Clock was read: a running clock is
	// restored as it read when the file was written (saved_at), although
	// the namespace was encoded earlier and not since (issue 13.5).
	ClockReadAt time.Time `json:"clock_read_at,omitzero"`
	// BuiltAt: the sandbox time lazy domains are built as of.
	BuiltAt time.Time     `json:"built_at,omitzero"`
	Cards   []core.Card   `json:"cards"`
	SMS     []sms.Message `json:"sms"`
	// Domains holds the providers used so far; one not there is built from
	// the scenario on first use, as in a new namespace.
	Domains map[string]json.RawMessage `json:"domains,omitempty"`
	// Ops counts the provider requests finished in the namespace when it
	// was encoded; IDGap is how many operations' worth of ids every domain
	// skips, accumulated over crashes (idfloor.go).
	// Reserved is the durable reservation then (idfloor.go).
	Ops      uint64 `json:"ops,omitempty"`
	Reserved uint64 `json:"reserved,omitempty"`
	IDGap    uint64 `json:"id_gap,omitempty"`
}

// encodedNS is a namespace as last encoded, kept so that the next save
// encodes again only what changed since.
type encodedNS struct {
	ns       *core.Namespace
	override *scenarios.Scenario
	gen      uint64
	ops      uint64
	reserved uint64
	domains  map[string]encodedDomain
	head     []byte // the nsState as JSON, without its domains
}

type encodedDomain struct {
	gen uint64
	raw json.RawMessage
}

// encodeNamespace returns slot's namespace encoded, reusing prev where
// nothing changed: nil work when the namespace did not change at all, a
// fresh snapshot only of the domains that did. The namespace's built
// domains are locked together (provider order) while it is encoded, so the
// snapshot never holds half an operation; no other namespace is locked.
func (s *Server) encodeNamespace(name string, slot slotView, prev *encodedNS) (*encodedNS, bool, error) {
	ns := slot.ns
	gen := ns.Generation() // before encoding: a change after it is seen next time
	if prev != nil && prev.ns == ns && prev.override == slot.override && prev.gen == gen &&
		prev.ops == slot.ops && prev.reserved == slot.reserved {
		return prev, false, nil
	}
	if prev == nil || prev.ns != ns {
		prev = &encodedNS{} // a reset namespace shares nothing with the old one
	}
	out := &encodedNS{ns: ns, override: slot.override, gen: gen, ops: slot.ops, reserved: slot.reserved,
		domains: map[string]encodedDomain{}}
	st := nsState{BuiltAt: ns.BuiltAt(), Ops: slot.ops, Reserved: slot.reserved, IDGap: slot.idGap}
	if slot.override != nil {
		var err error
		if st.Scenario, err = slot.override.JSON(); err != nil {
			return nil, false, err
		}
	}
	built := ns.BuiltDomains()
	var locked []core.Domain
	unlock := func() {
		for i := len(locked) - 1; i >= 0; i-- {
			locked[i].UnlockState()
		}
		locked = nil
	}
	defer unlock()
	var todo []string
	for _, p := range s.providers {
		d, ok := built[p.name]
		if !ok {
			continue
		}
		g := ns.DomainGeneration(p.name)
		if old, ok := prev.domains[p.name]; ok && old.gen == g {
			out.domains[p.name] = old
		} else {
			out.domains[p.name] = encodedDomain{gen: g}
			todo = append(todo, p.name)
		}
		d.LockState()
		locked = append(locked, d)
	}
	st.Clock, st.ClockReadAt = ns.Clock.Now(), s.now().UTC()
	st.Cards, st.SMS = ns.Cards.All(), ns.SMS.All()
	for _, pname := range todo {
		raw, err := built[pname].SnapshotLocked()
		if err != nil {
			return nil, false, fmt.Errorf("namespace %s: %s: %w", name, pname, err)
		}
		out.domains[pname] = encodedDomain{gen: out.domains[pname].gen, raw: raw}
	}
	unlock()
	head, err := json.Marshal(st)
	if err != nil {
		return nil, false, err
	}
	out.head = head
	return out, true, nil
}

// writeTo writes the namespace as one nsState object: its head with the
// domains spliced in, so a big domain unchanged since the last save is
// copied, not encoded or even scanned again.
// With only set, just the domains it names are written (a log record).
func (e *encodedNS) writeTo(w *bufio.Writer, providers []provider, only map[string]bool) {
	w.Write(e.head[:len(e.head)-1]) // without its closing brace
	w.WriteString(`,"domains":{`)
	first := true
	for _, p := range providers {
		d, ok := e.domains[p.name]
		if !ok || only != nil && !only[p.name] {
			continue
		}
		if !first {
			w.WriteByte(',')
		}
		first = false
		w.WriteString(strconv.Quote(p.name))
		w.WriteByte(':')
		w.Write(d.raw)
	}
	w.WriteString("}}")
}
