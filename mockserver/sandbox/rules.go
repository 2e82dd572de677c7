package sandbox

import (
	"encoding/json"

	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/scenarios"
)

// compileRules turns scenario rules into engine rules. The scenario loader
// has already checked every matcher (checks.MatcherValid), so errors here
// cannot happen; a matcher that still fails to parse never matches.
func compileRules(in []scenarios.Rule) []rules.Rule {
	out := make([]rules.Rule, 0, len(in))
	for _, r := range in {
		out = append(out, toEngineRule(r))
	}
	return out
}

// toEngineRule is the one way a rule becomes an engine rule, whether a
// scenario file or POST /__admin/faults wrote it.
func toEngineRule(r scenarios.Rule) rules.Rule {
	er := rules.Rule{
		Name: r.Name, Provider: r.Provider, Operations: r.Operation, Error: string(r.Error),
		Fault: r.Fault, Delay: r.Delay.D(), Outcome: r.Outcome, Times: r.Times, Probability: r.Probability,
	}
	if len(r.Match) > 0 {
		er.Match = map[string]rules.Matcher{}
		for k, raw := range r.Match {
			var m rules.Matcher
			if err := json.Unmarshal(raw, &m); err != nil {
				m = matcherNever
			}
			er.Match[k] = m
		}
	}
	return er
}

// matcherNever matches nothing.
var matcherNever = rules.Matcher{Op: "in"}

// parseFault reads a POST /__admin/faults body as a scenario rule, with the
// same checks, and makes it an engine rule the same way.
func parseFault(body []byte) (rules.Rule, error) {
	r, err := scenarios.LoadRule("POST /__admin/faults", body, ScenarioChecks())
	if err != nil {
		return rules.Rule{}, err
	}
	return toEngineRule(r), nil
}
