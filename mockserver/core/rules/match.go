package rules

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Matcher tests one fact. Written in a scenario either as a scalar (equality)
// or as an object with exactly one of eq, in, prefix, suffix, regex, gt, gte,
// lt, lte, exists.
type Matcher struct {
	Op    string `json:"-"`
	Value any    `json:"-"`
	List  []any  `json:"-"`
	re    *regexp.Regexp
}

// Ops a matcher object may use.
var Ops = []string{"eq", "in", "prefix", "suffix", "regex", "gt", "gte", "lt", "lte", "exists"}

// UnmarshalJSON reads the scalar or object form; regexps compile here, once.
func (m *Matcher) UnmarshalJSON(b []byte) error {
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil || obj == nil {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*m = Matcher{Op: "eq", Value: v}
		return nil
	}
	if len(obj) != 1 {
		return fmt.Errorf("a matcher has exactly one of %s", strings.Join(Ops, ", "))
	}
	for op, v := range obj {
		*m = Matcher{Op: op, Value: v}
	}
	switch m.Op {
	case "in":
		list, ok := m.Value.([]any)
		if !ok {
			return fmt.Errorf("in takes a list")
		}
		m.List = list
	case "regex":
		s, ok := m.Value.(string)
		if !ok {
			return fmt.Errorf("regex takes a string")
		}
		re, err := regexp.Compile(s)
		if err != nil {
			return fmt.Errorf("regex: %v", err)
		}
		m.re = re
	case "eq", "prefix", "suffix", "gt", "gte", "lt", "lte", "exists":
	default:
		return fmt.Errorf("unknown matcher %q (want one of %s)", m.Op, strings.Join(Ops, ", "))
	}
	return nil
}

// MarshalJSON writes the object form back (GET /__admin/faults, /scenario).
func (m Matcher) MarshalJSON() ([]byte, error) {
	if m.Op == "eq" {
		return json.Marshal(m.Value)
	}
	return json.Marshal(map[string]any{m.Op: m.Value})
}

// Test reports whether the fact v (present when ok) satisfies the matcher.
func (m Matcher) Test(v any, ok bool) bool {
	if m.Op == "exists" {
		want, _ := m.Value.(bool)
		return ok == want
	}
	if !ok {
		return false
	}
	switch m.Op {
	case "eq":
		return equal(v, m.Value)
	case "in":
		for _, x := range m.List {
			if equal(v, x) {
				return true
			}
		}
		return false
	case "prefix":
		return strings.HasPrefix(text(v), text(m.Value))
	case "suffix":
		return strings.HasSuffix(text(v), text(m.Value))
	case "regex":
		return m.re != nil && m.re.MatchString(text(v))
	case "gt", "gte", "lt", "lte":
		a, aok := number(v)
		b, bok := number(m.Value)
		if !aok || !bok {
			return false
		}
		switch m.Op {
		case "gt":
			return a > b
		case "gte":
			return a >= b
		case "lt":
			return a < b
		default:
			return a <= b
		}
	}
	return false
}

// equal compares two strings as strings (16-digit PANs exceed float64's
// exact range), two integers exactly, and other numbers as floats.
func equal(a, b any) bool {
	as, aStr := a.(string)
	bs, bStr := b.(string)
	if aStr && bStr {
		return as == bs
	}
	if x, ok := integer(a); ok {
		if y, ok := integer(b); ok {
			return x == y
		}
	}
	if x, ok := number(a); ok {
		if y, ok := number(b); ok {
			return x == y
		}
	}
	return text(a) == text(b)
}

// integer reads v as an exact int64 (numbers written as text included).
func integer(v any) (int64, bool) {
	switch x := v.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case float64:
		if x == float64(int64(x)) && x > -(1<<53) && x < 1<<53 {
			return int64(x), true
		}
		return 0, false
	case json.Number:
		n, err := x.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(x, 10, 64)
		return n, err == nil
	case nil, bool:
		return 0, false
	}
	n, err := strconv.ParseInt(fmt.Sprint(v), 10, 64)
	return n, err == nil
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(x, 64)
		return f, err == nil
	case nil, bool:
		return 0, false
	}
	// Named integer types (core.Tiyin) print as their number.
	f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
	return f, err == nil
}
