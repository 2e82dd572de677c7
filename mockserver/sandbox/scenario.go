package sandbox

import (
	"encoding/json"
	"sync"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/scenarios"
)

// ScenarioChecks are the semantic checks that need the contracts: codes in
// each provider's catalogue, operations in its document (operationIds and
// JSON-RPC methods), matchers that parse. Scenario rules and POST
// /__admin/faults bodies both pass them.
func ScenarioChecks() scenarios.Checks {
	return scenarios.Checks{
		CodeKnown: func(provider, code string) bool {
			c, err := contracts.Load(provider)
			return err == nil && c.Catalogue.Has(code)
		},
		OperationKnown: func(provider, op string) bool {
			c, err := contracts.Load(provider)
			return err == nil && c.RuleOperation(op)
		},
		MatcherValid: func(raw json.RawMessage) error {
			var m rules.Matcher
			return json.Unmarshal(raw, &m)
		},
	}
}

// LoadScenario loads and checks a scenario file.
func LoadScenario(source string, data []byte) (*scenarios.Scenario, error) {
	return scenarios.Load(source, data, ScenarioChecks())
}

// DefaultScenario loads the embedded default. Its semantic checks need every
// contract's catalogue, which would hold start-up until all contracts are
// parsed; the embedded file is proven to pass them by
// TestDefaultScenarioPassesTheChecks, so they are skipped here. Each call
// parses a fresh copy the caller may change.
func DefaultScenario() (*scenarios.Scenario, error) {
	return scenarios.Default(scenarios.Checks{})
}

// sharedDefault is the default scenario New serves when given none, parsed
// once per process (YAML parsing was most of a later New, issue 15). The
// sandbox only reads a scenario, as every namespace of a server already
// shares its base; callers who change one get their own (DefaultScenario).
func sharedDefault() (*scenarios.Scenario, error) {
	defaultOnce.Do(func() { defaultSc, defaultErr = DefaultScenario() })
	return defaultSc, defaultErr
}

var (
	defaultOnce sync.Once
	defaultSc   *scenarios.Scenario
	defaultErr  error
)
