package schema

import (
	"encoding/json"
	"maps"
	"math"
	"reflect"
	"slices"
	"unicode/utf8"
)

// Valid reports whether v (decoded by encoding/json with UseNumber) is
// valid. It is the fast answer for the common case; Check says why not.
func (n *Node) Valid(v any) bool {
	switch x := v.(type) {
	case nil:
		if n.NullOK {
			return true
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	if n.Empty {
		return v != nil // nil: not nullable (handled above)
	}
	if n.Not != nil && n.Not.Valid(v) {
		return false
	}
	if !n.branchesValid(v) {
		return false
	}
	if v == nil && (len(n.OneOf) > 0 || len(n.AnyOf) > 0 || len(n.AllOf) > 0) {
		return true // kin: a null that passed the branches is done
	}
	if n.HasEnum && !n.inEnum(v) {
		return false
	}
	switch x := v.(type) {
	case nil:
		return false // not nullable
	case bool:
		return n.Bool
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return false
		}
		return n.numberValid(f)
	case float64:
		return n.numberValid(x)
	case int:
		return n.numberValid(float64(x))
	case int64:
		return n.numberValid(float64(x))
	case string:
		return n.stringValid(x)
	case []any:
		return n.arrayValid(x)
	case map[string]any:
		return n.objectValid(x)
	}
	return false // Go types encoding/json does not produce
}

func (n *Node) branchesValid(v any) bool {
	if len(n.OneOf) > 0 {
		matched := 0
		for _, b := range n.OneOf {
			if b.Valid(v) {
				matched++
				if matched > 1 {
					return false
				}
			}
		}
		if matched != 1 {
			return false
		}
	}
	if len(n.AnyOf) > 0 && !slices.ContainsFunc(n.AnyOf, func(b *Node) bool { return b.Valid(v) }) {
		return false
	}
	for _, b := range n.AllOf {
		if !b.Valid(v) {
			return false
		}
	}
	return true
}

func (n *Node) inEnum(v any) bool {
	if n.EnumStr != nil {
		s, ok := v.(string)
		if !ok {
			return false
		}
		_, ok = n.EnumStr[s]
		return ok
	}
	for _, e := range n.Enum {
		if equalJSONValues(e, v) {
			return true
		}
	}
	return false
}

func (n *Node) numberValid(f float64) bool {
	if n.RequireInteger {
		if f != math.Trunc(f) {
			return false
		}
	} else if !n.Num {
		return false
	}
	if formatError(n.Format, n.RequireInteger, f) != "" {
		return false
	}
	if n.ExMin != nil && !(f > *n.ExMin) {
		return false
	}
	if n.ExMax != nil && !(f < *n.ExMax) {
		return false
	}
	if n.Min != nil && !(*n.Min <= f) {
		return false
	}
	if n.Max != nil && !(*n.Max >= f) {
		return false
	}
	return true
}

// length is kin's: UTF-16 units over the runes of a range loop; a Go rune
// is never a surrogate, so that is the rune count.
func length(s string) uint64 { return uint64(utf8.RuneCountInString(s)) }

func (n *Node) stringValid(s string) bool {
	if !n.Str {
		return false
	}
	if n.MinLen != 0 || n.MaxLen != nil {
		l := length(s)
		if n.MinLen != 0 && l < n.MinLen {
			return false
		}
		if n.MaxLen != nil && l > *n.MaxLen {
			return false
		}
	}
	if n.Pattern != "" && !n.regexp().MatchString(s) {
		return false
	}
	return n.Format == "" || stringFormatError(n.Format, s) == ""
}

func (n *Node) arrayValid(a []any) bool {
	if !n.Arr {
		return false
	}
	l := uint64(len(a))
	if n.MinItems != 0 && l < n.MinItems {
		return false
	}
	if n.MaxItems != nil && l > *n.MaxItems {
		return false
	}
	if n.Items != nil {
		for _, x := range a {
			if !n.Items.Valid(x) {
				return false
			}
		}
	}
	return true
}

func (n *Node) objectValid(m map[string]any) bool {
	if !n.Obj {
		return false
	}
	// required first: it is what rejects the other branches of a oneOf
	// envelope, and it is cheap.
	for _, k := range n.Required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	l := uint64(len(m))
	if n.MinProps != 0 && l < n.MinProps {
		return false
	}
	if n.MaxProps != nil && l > *n.MaxProps {
		return false
	}
	for k, v := range m {
		if p, ok := n.Props[k]; ok {
			if !p.Valid(v) {
				return false
			}
			continue
		}
		if n.AddlForbidden {
			return false
		}
		if n.Addl != nil && !n.Addl.Valid(v) {
			return false
		}
	}
	return true
}

// equalJSONValues is kin-openapi's enum comparison: numbers compare as
// float64 whatever their Go type (json.Number included).
func equalJSONValues(a, b any) bool {
	if x, ok := asFloat(a); ok {
		y, ok := asFloat(b)
		return ok && x == y
	}
	switch a := a.(type) {
	case []any:
		b, ok := b.([]any)
		return ok && slices.EqualFunc(a, b, equalJSONValues)
	case map[string]any:
		b, ok := b.(map[string]any)
		return ok && maps.EqualFunc(a, b, equalJSONValues)
	}
	return reflect.DeepEqual(a, b)
}

func asFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	}
	return 0, false
}
