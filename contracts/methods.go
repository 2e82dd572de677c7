package contracts

import "slices"

// Methods lists, sorted, the JSON-RPC methods the document defines: an
// operation whose JSON request body is an anyOf of calls, each call's
// `method` a one-value enum (PaySys's gateway). This document is the one
// list: rules and faults name these methods as operations (SCENARIOS.md §1)
// and the PaySys adapter's method table is tested against it. Nil for a
// REST contract.
func (c *Contract) Methods() []string {
	var out []string
	for _, op := range c.Operations() {
		out = append(out, op.methods...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Methods lists, sorted, the JSON-RPC methods the operation serves; nil
// for a REST operation.
func (o *Operation) Methods() []string { return slices.Clone(o.methods) }

// RuleOperation reports whether a rule may name op: an operationId, or a
// JSON-RPC method.
func (c *Contract) RuleOperation(op string) bool {
	if _, ok := c.Operation(op); ok {
		return true
	}
	return slices.Contains(c.Methods(), op)
}
