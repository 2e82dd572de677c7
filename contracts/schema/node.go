// Package schema validates decoded JSON against a contract's schemas,
// compiled at build time (`go generate ./contracts`) from the OpenAPI
// documents. It accepts, and words its errors, exactly as kin-openapi's
// (*openapi3.Schema).VisitJSON does for OpenAPI 3.0 and the keywords a Node
// holds; tests in contracts keep the two in agreement on every schema of
// every contract. It exists so that the server binary does not link
// kin-openapi, whose packages' initialisation alone was a third of the
// start-up budget (issue 15).
package schema

import (
	"regexp"
	"sync/atomic"
)

// A Node is one compiled schema. Nodes are built once (by generated code)
// and are then immutable and safe for concurrent use.
type Node struct {
	NullOK bool // nullable: null is accepted first thing
	Empty  bool // the schema is {}: any non-null value is accepted

	Not   *Node
	OneOf []*Node
	AnyOf []*Node
	AllOf []*Node

	HasEnum  bool
	Enum     []any               // the members, as decoded from the document
	EnumStr  map[string]struct{} // the enum, when every member is a string
	EnumJSON string              // the members as JSON, for the message

	Types          []string // the type keyword, for the message
	Bool, Str      bool     // booleans, strings permitted
	Arr, Obj       bool     // arrays, objects permitted
	Num            bool     // integer or number permitted
	RequireInteger bool     // integer permitted but not number
	Format         string   // a format this package implements (see format.go)

	ExMin, ExMax *float64 // exclusive bounds (3.0 booleans already resolved)
	Min, Max     *float64

	MinLen    uint64
	MaxLen    *uint64
	Pattern   string // as the document writes it (the message quotes it)
	GoPattern string // Pattern in Go syntax, when that differs; compiled on first use

	MinItems uint64
	MaxItems *uint64
	Items    *Node

	Required      []string
	Props         map[string]*Node // nil when the schema has no properties
	AddlForbidden bool             // additionalProperties: false
	Addl          *Node            // additionalProperties' schema
	MinProps      uint64
	MaxProps      *uint64

	re atomic.Pointer[regexp.Regexp]
}

// regexp returns the compiled pattern (compiled once; a pattern that does
// not compile is refused when the node is generated).
func (n *Node) regexp() *regexp.Regexp {
	if re := n.re.Load(); re != nil {
		return re
	}
	p := n.Pattern
	if n.GoPattern != "" {
		p = n.GoPattern
	}
	re := regexp.MustCompile(p)
	n.re.Store(re)
	return re
}

// OnlyBranches reports a node with nothing to check but one of oneOf or
// anyOf (an envelope: success | error).
func (n *Node) OnlyBranches() bool {
	return (len(n.OneOf) == 0) != (len(n.AnyOf) == 0) && len(n.AllOf) == 0 && n.Not == nil &&
		n.Types == nil && !n.NullOK && !n.HasEnum && n.Props == nil && len(n.Required) == 0 &&
		!n.AddlForbidden && n.Addl == nil && n.Items == nil && n.Format == "" && n.Pattern == ""
}
