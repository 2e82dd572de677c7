package contracts

// Evaluation of a compiled schema: node.ok walks a decoded value.
import (
	"encoding/json"
	"errors"
	"maps"
	"math"
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi3"
)

func (n *node) ok(v any) bool {
	switch x := v.(type) {
	case nil:
		if n.nullOK {
			return true
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	if n.empty {
		return v != nil // nil: not nullable (handled above)
	}
	if n.not != nil && n.not.ok(v) {
		return false
	}
	if n.xOf {
		if len(n.oneOf) > 0 {
			matched := 0
			for _, b := range n.oneOf {
				if b.ok(v) {
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
		if len(n.anyOf) > 0 {
			any := false
			for _, b := range n.anyOf {
				if b.ok(v) {
					any = true
					break
				}
			}
			if !any {
				return false
			}
		}
		for _, b := range n.allOf {
			if !b.ok(v) {
				return false
			}
		}
		if v == nil {
			return true
		}
	}
	if n.hasEnum && !n.inEnum(v) {
		return false
	}
	switch x := v.(type) {
	case nil:
		return false // not nullable
	case bool:
		return n.tBool
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return false
		}
		return n.number(f)
	case float64:
		return n.number(x)
	case string:
		return n.str(x)
	case []any:
		return n.array(x)
	case map[string]any:
		return n.object(x)
	}
	return false // other Go types: kin decides (visit re-walks with kin)
}

func (n *node) inEnum(v any) bool {
	if n.enumStr != nil {
		s, ok := v.(string)
		if !ok {
			return false
		}
		_, ok = n.enumStr[s]
		return ok
	}
	for _, e := range n.enum {
		if equalJSONValues(e, v) {
			return true
		}
	}
	return false
}

func (n *node) number(f float64) bool {
	if n.requireInteger {
		if f != math.Trunc(f) {
			return false
		}
		if n.intFmt != nil && validateIntegerFormat(n.intFmt, f) != nil {
			return false
		}
	} else {
		if !n.tNum {
			return false
		}
		if n.numFmt != nil && n.numFmt.Validate(f) != nil {
			return false
		}
	}
	if n.exMinSet && !(f > n.exMin) {
		return false
	}
	if n.exMaxSet && !(f < n.exMax) {
		return false
	}
	if n.min != nil && !(*n.min <= f) {
		return false
	}
	if n.max != nil && !(*n.max >= f) {
		return false
	}
	return true
}

// validateIntegerFormat is kin-openapi's: a float64 outside the int64 range
// would wrap on conversion, so it is rejected instead.
func validateIntegerFormat(validator openapi3.IntegerFormatValidator, value float64) error {
	switch {
	case value == float64(math.MaxInt64):
		return validator.Validate(math.MaxInt64)
	case value >= float64(math.MinInt64) && value < float64(math.MaxInt64):
		return validator.Validate(int64(value))
	default:
		return errOutOfInt64
	}
}

var errOutOfInt64 = errors.New("value out of int64 range")

func (n *node) str(s string) bool {
	if !n.tStr {
		return false
	}
	if n.checkLen {
		// kin counts UTF-16 units over the runes of a range loop; a Go rune
		// is never a surrogate, so that is the rune count.
		l := uint64(utf8.RuneCountInString(s))
		if n.minLen != 0 && l < n.minLen {
			return false
		}
		if n.maxLen != nil && l > *n.maxLen {
			return false
		}
	}
	if n.re != nil && !n.re.MatchString(s) {
		return false
	}
	if n.strFmt != nil && n.strFmt.Validate(s) != nil {
		return false
	}
	return true
}

func (n *node) array(a []any) bool {
	if !n.tArr {
		return false
	}
	l := uint64(len(a))
	if n.minItems != 0 && l < n.minItems {
		return false
	}
	if n.maxItems != nil && l > *n.maxItems {
		return false
	}
	if n.items != nil {
		for _, x := range a {
			if !n.items.ok(x) {
				return false
			}
		}
	}
	return true
}

func (n *node) object(m map[string]any) bool {
	if !n.tObj {
		return false
	}
	// required first: it is what rejects the other branches of a oneOf
	// envelope, and it is cheap.
	for _, k := range n.required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	if n.checkObjCount {
		l := uint64(len(m))
		if n.minProps != 0 && l < n.minProps {
			return false
		}
		if n.maxProps != nil && l > *n.maxProps {
			return false
		}
	}
	for k, v := range m {
		if n.props != nil {
			if p, ok := n.props[k]; ok {
				if !p.ok(v) {
					return false
				}
				continue
			}
		}
		if !n.addlAllowed {
			return false
		}
		if n.addl != nil && !n.addl.ok(v) {
			return false
		}
	}
	return true
}

// equalJSONValues is kin-openapi's enum comparison: numbers compare as
// float64 whatever their Go type (json.Number included).
func equalJSONValues(a, b any) bool {
	if x, ok := jsonNumberAsFloat64(a); ok {
		y, ok := jsonNumberAsFloat64(b)
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

func jsonNumberAsFloat64(v any) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	}
	return 0, false
}
