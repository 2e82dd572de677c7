// Package rules decides, per request, whether a scripted behaviour applies:
// faults armed through POST /__admin/faults first, then the scenario's rules
// in order; the first match wins. It knows no provider: adapters publish
// facts (pan, amount, ...) and render the action in their own envelope.
// Standard library only.
package rules

import (
	"math/rand"
	"slices"
	"sync"
	"time"
)

// Faults a rule may inject instead of (or after) the provider's answer.
const (
	FaultReset          = "reset"              // TCP reset, nothing applied
	FaultTimeout        = "timeout"            // held open for the delay, nothing applied
	FaultEmpty          = "empty"              // 200 with an empty body, nothing applied
	FaultMalformed      = "malformed"          // 200 with a truncated body, nothing applied
	FaultApplyThenDrop  = "apply_then_drop"    // state changes, then the connection resets
	FaultApplyThenTimeo = "apply_then_timeout" // state changes, then held open
	FaultApplyThenError = "apply_then_error"   // state changes, then the rule's documented error is answered
)

// Faults lists every fault name.
var Faults = []string{FaultReset, FaultTimeout, FaultEmpty, FaultMalformed, FaultApplyThenDrop, FaultApplyThenTimeo, FaultApplyThenError}

// Rule is a scenario rule or an armed fault.
type Rule struct {
	Name       string             `json:"name,omitempty"`
	Provider   string             `json:"provider"`
	Operations []string           `json:"operation,omitempty"` // empty or "*" = any
	Match      map[string]Matcher `json:"match,omitempty"`
	Error      string             `json:"error,omitempty"`
	Fault      string             `json:"fault,omitempty"`
	Delay      time.Duration      `json:"-"`
	Outcome    map[string]any     `json:"outcome,omitempty"`
	// Times is how many matches the rule serves; 0 = unlimited.
	Times       int     `json:"times,omitempty"`
	Probability float64 `json:"probability,omitempty"`
}

// Action is what a matched rule asks for.
type Action struct {
	Rule    string
	Armed   bool   // an armed fault (POST /__admin/faults), not a scenario rule
	Why     string // for the user: which rule, on what facts, doing what
	Error   string
	Fault   string
	Delay   time.Duration
	Outcome map[string]any
}

// Facts is what a request tells the rules: named facts the adapter publishes
// (pan, amount in tiyin, phone, order_id, account, username) and raw
// body.<path> / header.<name> lookups.
type Facts interface {
	Fact(key string) (any, bool)
}

// FactMap is the simplest Facts.
type FactMap map[string]any

// Fact implements Facts.
func (m FactMap) Fact(key string) (any, bool) { v, ok := m[key]; return v, ok }

type entry struct {
	rule Rule
	used int
}

// ArmedView is an armed fault as GET /__admin/faults shows it.
type ArmedView struct {
	Rule
	DelayText string `json:"delay,omitempty"`
	Remaining int    `json:"remaining"`
}

// Engine holds one namespace's armed faults and scenario rules.
type Engine struct {
	mu    sync.Mutex
	armed []*entry
	file  []*entry
	rng   *rand.Rand // made on first use (a math/rand source is 4.9 KB per namespace)
	seed  int64
}

// NewEngine builds an engine from the scenario's rules, seeded for
// reproducible probabilities.
func NewEngine(file []Rule, seed int64) *Engine {
	e := &Engine{seed: seed}
	for _, r := range file {
		e.file = append(e.file, &entry{rule: r})
	}
	return e
}

// Arm adds a fault for the next matching calls (Times 0 means 1).
func (e *Engine) Arm(r Rule) {
	if r.Times == 0 {
		r.Times = 1
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.armed = append(e.armed, &entry{rule: r})
}

// Disarm drops every armed fault.
func (e *Engine) Disarm() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.armed = nil
}

// Armed lists the faults still armed.
func (e *Engine) Armed() []ArmedView {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []ArmedView{}
	for _, a := range e.armed {
		v := ArmedView{Rule: a.rule, Remaining: a.rule.Times - a.used}
		if a.rule.Delay > 0 {
			v.DelayText = a.rule.Delay.String()
		}
		out = append(out, v)
	}
	return out
}

// Evaluate returns the action of the first armed fault, then the first
// scenario rule, that matches the call; ok is false when none does.
func (e *Engine) Evaluate(provider, operation string, facts Facts) (Action, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.armed) == 0 && len(e.file) == 0 {
		return Action{}, false
	}
	for i, a := range e.armed {
		if a.matches(provider, operation, facts, e) {
			a.used++
			if a.used >= a.rule.Times {
				e.armed = slices.Delete(e.armed, i, i+1)
			}
			act := a.action()
			act.Armed, act.Why = true, a.why(true)
			return act, true
		}
	}
	for _, f := range e.file {
		if f.rule.Times > 0 && f.used >= f.rule.Times {
			continue
		}
		if f.matches(provider, operation, facts, e) {
			f.used++
			act := f.action()
			act.Why = f.why(false)
			return act, true
		}
	}
	return Action{}, false
}

func (a *entry) action() Action {
	return Action{Rule: a.rule.Name, Error: a.rule.Error, Fault: a.rule.Fault, Delay: a.rule.Delay, Outcome: a.rule.Outcome}
}

// random is the engine's seeded source, made on first use; e.mu is held.
func (e *Engine) random() *rand.Rand {
	if e.rng == nil {
		e.rng = rand.New(rand.NewSource(e.seed))
	}
	return e.rng
}

func (a *entry) matches(provider, operation string, facts Facts, e *Engine) bool {
	r := &a.rule
	if r.Provider != "" && r.Provider != "*" && r.Provider != provider {
		return false
	}
	if len(r.Operations) > 0 && !slices.Contains(r.Operations, "*") && !slices.Contains(r.Operations, operation) {
		return false
	}
	for key, m := range r.Match {
		v, ok := facts.Fact(key)
		if !m.Test(v, ok) {
			return false
		}
	}
	if r.Probability > 0 && r.Probability < 1 && e.random().Float64() >= r.Probability {
		return false
	}
	return true
}
