package schema

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Error is why a value does not match a schema: the first failure in
// kin-openapi's order, with its words (Field is the keyword, Reason the
// message; a "not" failure has no reason).
type Error struct {
	Field  string
	Reason string
	Node   *Node // the schema that failed
	Value  any   // the value it failed on
	rev    []string
}

// Path is the JSON pointer's tokens to the failing value, outermost first.
func (e *Error) Path() []string {
	p := slices.Clone(e.rev)
	slices.Reverse(p)
	return p
}

// Within is e found inside the value outer failed on: its path continues
// outer's.
func (e *Error) Within(outer *Error) *Error {
	c := *e
	c.rev = append(slices.Clone(e.rev), outer.rev...)
	return &c
}

// Pointer is Path as a JSON pointer ("" for the root).
func (e *Error) Pointer() string {
	if len(e.rev) == 0 {
		return ""
	}
	return "/" + strings.Join(e.Path(), "/")
}

// Why is the reason as a user reads it; a "not" failure, which kin words
// with no reason, names the keyword.
func (e *Error) Why() string {
	if e.Reason != "" {
		return e.Reason
	}
	return `does not match the contract's "` + e.Field + `"`
}

func (e *Error) Error() string {
	if p := e.Pointer(); p != "" {
		return p + ": " + e.Why()
	}
	return e.Why()
}

func fail(n *Node, v any, field, reason string) *Error {
	return &Error{Field: field, Reason: reason, Node: n, Value: v}
}

// under marks err as found under key (kin's markSchemaErrorKey/Index).
func under(err *Error, key string) *Error {
	if err != nil {
		err.rev = append(err.rev, key)
	}
	return err
}

// Check returns why v does not match, or nil: the error kin-openapi's
// VisitJSON returns first, in its words.
func (n *Node) Check(v any) *Error {
	if v == nil && n.NullOK {
		return nil
	}
	if n.Empty {
		if v == nil {
			return fail(n, v, "nullable", "Value is not nullable")
		}
		return nil
	}
	if n.Not != nil && n.Not.Valid(v) {
		return fail(n, v, "not", "")
	}
	if err := n.checkBranches(v); err != nil {
		return err
	}
	if v == nil && (len(n.OneOf) > 0 || len(n.AnyOf) > 0 || len(n.AllOf) > 0) {
		return nil
	}
	if n.HasEnum && !n.inEnum(v) {
		return fail(n, v, "enum", "value is not one of the allowed values "+n.EnumJSON)
	}
	switch x := v.(type) {
	case nil:
		return fail(n, v, "nullable", "Value is not nullable")
	case bool:
		if !n.Bool {
			return n.expectedType(v)
		}
		return nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return fail(n, v, "type", "cannot convert json.Number to float64")
		}
		return n.checkNumber(f)
	case float64:
		return n.checkNumber(x)
	case int:
		return n.checkNumber(float64(x))
	case int64:
		return n.checkNumber(float64(x))
	case string:
		return n.checkString(x)
	case []any:
		return n.checkArray(x)
	case map[string]any:
		return n.checkObject(x)
	}
	return fail(n, v, "type", fmt.Sprintf("unhandled value of type %T", v))
}

func (n *Node) checkBranches(v any) *Error {
	if len(n.OneOf) > 0 {
		var matched []int
		for i, b := range n.OneOf {
			if b.Valid(v) {
				matched = append(matched, i)
			}
		}
		switch {
		case len(matched) > 1:
			return fail(n, v, "oneOf", fmt.Sprintf(`value matches more than one schema from "oneOf" (matches schemas at indices %v)`, matched))
		case len(matched) == 0:
			return fail(n, v, "oneOf", `value doesn't match any schema from "oneOf"`)
		}
	}
	if len(n.AnyOf) > 0 && !slices.ContainsFunc(n.AnyOf, func(b *Node) bool { return b.Valid(v) }) {
		return fail(n, v, "anyOf", `doesn't match any schema from "anyOf"`)
	}
	for _, b := range n.AllOf {
		if !b.Valid(v) {
			return fail(n, v, "allOf", `doesn't match all schemas from "allOf"`)
		}
	}
	return nil
}

func (n *Node) expectedType(v any) *Error {
	if len(n.Types) == 1 {
		a := "a"
		switch n.Types[0] {
		case "array", "object", "integer":
			a = "an"
		}
		return fail(n, v, "type", "value must be "+a+" "+n.Types[0])
	}
	return fail(n, v, "type", "value must be one of "+strings.Join(n.Types, ", "))
}

func (n *Node) checkNumber(f float64) *Error {
	if n.RequireInteger {
		if f != math.Trunc(f) {
			return fail(n, f, "type", "value must be an integer")
		}
	} else if !n.Num {
		return n.expectedType(f)
	}
	if r := formatError(n.Format, n.RequireInteger, f); r != "" {
		return fail(n, f, "format", r)
	}
	switch {
	case n.ExMin != nil && !(f > *n.ExMin):
		return fail(n, f, "exclusiveMinimum", "number must be more than "+g(*n.ExMin))
	case n.ExMax != nil && !(f < *n.ExMax):
		return fail(n, f, "exclusiveMaximum", "number must be less than "+g(*n.ExMax))
	case n.Min != nil && !(*n.Min <= f):
		return fail(n, f, "minimum", "number must be at least "+g(*n.Min))
	case n.Max != nil && !(*n.Max >= f):
		return fail(n, f, "maximum", "number must be at most "+g(*n.Max))
	}
	return nil
}

func g(f float64) string { return fmt.Sprintf("%g", f) }

func (n *Node) checkString(s string) *Error {
	if !n.Str {
		return n.expectedType(s)
	}
	if n.MinLen != 0 || n.MaxLen != nil {
		l := length(s)
		if n.MinLen != 0 && l < n.MinLen {
			return fail(n, s, "minLength", fmt.Sprintf("minimum string length is %d", n.MinLen))
		}
		if n.MaxLen != nil && l > *n.MaxLen {
			return fail(n, s, "maxLength", fmt.Sprintf("maximum string length is %d", *n.MaxLen))
		}
	}
	if n.Pattern != "" && !n.regexp().MatchString(s) {
		return fail(n, s, "pattern", fmt.Sprintf(`string doesn't match the regular expression "%s"`, n.Pattern))
	}
	if n.Format != "" {
		if r := stringFormatError(n.Format, s); r != "" {
			return fail(n, s, "format", r)
		}
	}
	return nil
}

func (n *Node) checkArray(a []any) *Error {
	if !n.Arr {
		return n.expectedType(a)
	}
	l := uint64(len(a))
	if n.MinItems != 0 && l < n.MinItems {
		return fail(n, a, "minItems", fmt.Sprintf("minimum number of items is %d", n.MinItems))
	}
	if n.MaxItems != nil && l > *n.MaxItems {
		return fail(n, a, "maxItems", fmt.Sprintf("maximum number of items is %d", *n.MaxItems))
	}
	if n.Items != nil {
		for i, x := range a {
			if err := n.Items.Check(x); err != nil {
				return under(err, strconv.Itoa(i))
			}
		}
	}
	return nil
}

// checkObject follows kin: counts, then every member in key order, then
// the required members.
func (n *Node) checkObject(m map[string]any) *Error {
	if !n.Obj {
		return n.expectedType(m)
	}
	l := uint64(len(m))
	if n.MinProps != 0 && l < n.MinProps {
		return fail(n, m, "minProperties", fmt.Sprintf("there must be at least %d properties", n.MinProps))
	}
	if n.MaxProps != nil && l > *n.MaxProps {
		return fail(n, m, "maxProperties", fmt.Sprintf("there must be at most %d properties", *n.MaxProps))
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if p, ok := n.Props[k]; ok {
			if err := p.Check(m[k]); err != nil {
				return under(err, k)
			}
			continue
		}
		if n.AddlForbidden {
			return fail(n, m, "properties", fmt.Sprintf("property %q is unsupported", k))
		}
		if n.Addl != nil {
			if err := n.Addl.Check(m[k]); err != nil {
				return under(err, k)
			}
		}
	}
	for _, k := range n.Required {
		if _, ok := m[k]; !ok {
			return under(fail(n, m, "required", fmt.Sprintf("property %q is missing", k)), k)
		}
	}
	return nil
}
