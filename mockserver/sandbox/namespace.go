package sandbox

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/mockserver/core/coverage"
	"github.com/paysandbox/paysandbox/mockserver/core/journal"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// namespaces holds every live namespace. A namespace is created on first
// use as a fresh build of its scenario; reset swaps in a new build.
type namespaces struct {
	s  *Server
	mu sync.RWMutex
	m  map[string]*nsSlot
}

type nsSlot struct {
	ns       *core.Namespace
	override *scenarios.Scenario // PUT /ns/{name}/__admin/scenario
	// pending: created by a provider request that has not yet shown it is
	// real (admission.go); inflight counts the requests in it meanwhile.
	// Both guarded by namespaces.mu.
	pending  bool
	inflight int
	ids      idFloor // ids never issued twice (idfloor.go)
}

func newNamespaces(s *Server) *namespaces {
	return &namespaces{s: s, m: map[string]*nsSlot{}}
}

// get returns the namespace, creating it from the scenario on first use.
func (n *namespaces) get(name string) *core.Namespace {
	now := n.s.now()
	n.mu.RLock()
	slot, ok := n.m[name]
	n.mu.RUnlock()
	if !ok || slot.pending {
		n.mu.Lock()
		if slot, ok = n.m[name]; !ok {
			slot = &nsSlot{ns: n.s.build(name, n.s.base.Load())}
			n.m[name] = slot
		}
		slot.pending = false // the control API's use is real use
		n.mu.Unlock()
	}
	slot.ns.Touch(now)
	return slot.ns
}

// reset rebuilds the namespace from its scenario (its own override, else the base).
func (n *namespaces) reset(name string) *core.Namespace {
	n.mu.Lock()
	defer n.mu.Unlock()
	slot, ok := n.m[name]
	if !ok {
		slot = &nsSlot{}
		n.m[name] = slot
	}
	sc := slot.override
	if sc == nil {
		sc = n.s.base.Load()
	}
	old := slot.ns
	slot.ns = n.s.build(name, sc)
	if old != nil {
		slot.ns.Lifetime = old.Lifetime // ?since=start survives a reset
	}
	slot.ns.Touch(n.s.now())
	return slot.ns
}

// replace installs a scenario for one namespace and rebuilds it.
func (n *namespaces) replace(name string, sc *scenarios.Scenario) {
	n.mu.Lock()
	slot, ok := n.m[name]
	if !ok {
		slot = &nsSlot{}
		n.m[name] = slot
	}
	slot.override = sc
	n.mu.Unlock()
	n.reset(name)
}

// scenario is the scenario a namespace runs.
func (n *namespaces) scenario(name string) *scenarios.Scenario {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if slot, ok := n.m[name]; ok && slot.override != nil {
		return slot.override
	}
	return n.s.base.Load()
}

// matching returns the named namespace (created if need be) or, when
// prefix is set, every live namespace whose name starts with it.
func (n *namespaces) matching(name, prefix string) []*core.Namespace {
	if prefix == "" {
		return []*core.Namespace{n.get(name)}
	}
	n.mu.RLock()
	defer n.mu.RUnlock()
	var out []*core.Namespace
	for nsName, slot := range n.m {
		if strings.HasPrefix(nsName, prefix) {
			out = append(out, slot.ns)
		}
	}
	return out
}

// names lists the live namespaces, "default" first (it always exists to
// whoever asks), the others sorted.
func (n *namespaces) names() []string {
	n.mu.RLock()
	out := make([]string, 0, len(n.m)+1)
	for name := range n.m {
		if name != "default" {
			out = append(out, name)
		}
	}
	n.mu.RUnlock()
	slices.Sort(out)
	return append([]string{"default"}, out...)
}

func (n *namespaces) count() int {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return len(n.m)
}

// expireLoop drops namespaces idle for longer than ttl, so their memory is returned.
func (n *namespaces) expireLoop(ttl time.Duration, stop <-chan struct{}) {
	tick := time.NewTicker(max(ttl/4, 10*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
			n.expire(ttl)
		}
	}
}

func (n *namespaces) expire(ttl time.Duration) {
	cutoff := n.s.now().Add(-ttl)
	n.mu.Lock()
	defer n.mu.Unlock()
	for name, slot := range n.m {
		if name != "default" && slot.ns.LastUsed().Before(cutoff) {
			delete(n.m, name)
		}
	}
}

// build makes a namespace from a scenario: a deep copy of its seed state,
// its own clock, outbox, journal, rules and provider domains.
func (s *Server) build(name string, sc *scenarios.Scenario) *core.Namespace {
	h := fnv.New64a()
	h.Write([]byte(strconv.FormatInt(sc.Seed, 10) + "/" + name))
	seed := int64(h.Sum64() >> 1)
	start := s.now()
	if sc.Settings.Clock.Start != "now" {
		if t, err := time.Parse(time.RFC3339, sc.Settings.Clock.Start); err == nil {
			start = t
		}
	}
	size := s.opts.JournalSize
	ns := &core.Namespace{
		Name:     name,
		Seed:     seed,
		Clock:    clock.NewSandbox(start, sc.Settings.Clock.Mode == "frozen", s.now),
		SMS:      sms.NewOutbox(1000),
		Journal:  journal.New(size, cleanForHumans),
		Rules:    rules.NewEngine(s.compiledOf(sc).rules, seed),
		Cards:    core.NewCardsFrom(s.compiledOf(sc).cards),
		Log:      s.log.With("ns", name),
		Latency:  latencyOf(sc.Settings.Latency),
		Coverage: coverage.New(),
		Lifetime: coverage.New(),
	}
	// Each provider's domain is built on the namespace's first request to
	// it, as of now (core.Namespace.Domain): a namespace a test uses for
	// one provider does not pay for four (issue 15).
	gap := s.idGaps[name] // after a crash (idfloor.go)
	for _, p := range s.providers {
		ns.SetDomainBuilder(p.name, func(env core.Env) core.Domain {
			d := p.newDomain(env, sc)
			skipIDs(d, gap, s.epoch)
			return d
		})
	}
	return ns
}

func ledgerCards(in []scenarios.Card) []core.Card {
	out := make([]core.Card, 0, len(in))
	for _, c := range in {
		y, _ := strconv.Atoi(c.Expiry[:4])
		m, _ := strconv.Atoi(c.Expiry[5:])
		card := core.Card{
			PAN: core.PAN(c.PAN), Expiry: core.YearMonth{Year: y, Month: m},
			Vendor: c.Vendor, Bank: c.Bank, Holder: c.Holder, Phone: c.Phone,
			Currency: c.Currency, Status: c.Status, SMS: c.SMS == nil || *c.SMS,
			Processing: c.Processing, Flags: c.Flags, DailySMS: -1,
		}
		if c.Balance != nil {
			card.Balance = core.Tiyin(*c.Balance)
		}
		if c.Limits != nil {
			if c.Limits.PerOperation != nil {
				card.PerOperation = core.Tiyin(*c.Limits.PerOperation)
			}
			if c.Limits.DailySMS != nil {
				card.DailySMS = *c.Limits.DailySMS
			}
		}
		out = append(out, card)
	}
	return out
}

// compiled is what every namespace built from one scenario shares, read-only.
type compiled struct {
	rules []rules.Rule
	cards *core.CardSeed // copied on write per namespace
}

// compiledOf is sc's rules and card seed, compiled once per scenario, not
// per namespace (issue 15): engines only read rules, ledgers copy a card
// before changing it.
func (s *Server) compiledOf(sc *scenarios.Scenario) compiled {
	s.compiledMu.Lock()
	defer s.compiledMu.Unlock()
	if s.compiledFor != sc {
		s.compiledFor = sc
		s.compiled = compiled{rules: compileRules(sc.Rules), cards: core.NewCardSeed(ledgerCards(sc.Cards))}
	}
	return s.compiled
}

// cleanForHumans masks card numbers and redacts secrets in journal text,
// when the journal is read (core.CleanForHumans).
func cleanForHumans(s string) string { return core.CleanForHumans(s) }

// views reads what a save needs of every live namespace (pending ones
// too: a request in one may already have been answered with an id).
func (n *namespaces) views() map[string]slotView {
	n.mu.RLock()
	defer n.mu.RUnlock()
	out := make(map[string]slotView, len(n.m))
	for name, slot := range n.m {
		if slot.ns == nil {
			continue
		}
		out[name] = slotView{ns: slot.ns, override: slot.override, ops: slot.ids.finished.Load(),
			reserved: slot.ids.reserved.Load(), idGap: n.s.idGaps[name]}
	}
	return out
}

// slotOf returns the namespace's slot, nil when it does not exist.
func (n *namespaces) slotOf(name string) *nsSlot {
	n.mu.RLock()
	defer n.mu.RUnlock()
	return n.m[name]
}
