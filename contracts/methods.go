package contracts

import (
	"slices"

	"github.com/getkin/kin-openapi/openapi3"
)

// Methods lists, sorted, the JSON-RPC methods the document defines: an
// operation whose JSON request body is an anyOf of calls, each call's
// `method` a one-value enum (PaySys's gateway). This document is the one
// list: rules and faults name these methods as operations (SCENARIOS.md §1)
// and the PaySys adapter's method table is tested against it. Nil for a
// REST contract.
func (c *Contract) Methods() []string {
	var out []string
	for _, op := range c.Operations() {
		out = append(out, op.Methods()...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Methods lists, sorted, the JSON-RPC methods the operation serves; nil
// for a REST operation.
func (o *Operation) Methods() []string {
	out := callMethods(o.route.Operation)
	slices.Sort(out)
	return out
}

// RuleOperation reports whether a rule may name op: an operationId, or a
// JSON-RPC method.
func (c *Contract) RuleOperation(op string) bool {
	if _, ok := c.Operation(op); ok {
		return true
	}
	return slices.Contains(c.Methods(), op)
}

func callMethods(op *openapi3.Operation) []string {
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	media := op.RequestBody.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return nil
	}
	var out []string
	for _, call := range media.Schema.Value.AnyOf {
		if call.Value == nil {
			continue
		}
		m := call.Value.Properties["method"]
		if m == nil || m.Value == nil || len(m.Value.Enum) != 1 {
			continue
		}
		if name, ok := m.Value.Enum[0].(string); ok {
			out = append(out, name)
		}
	}
	return out
}
