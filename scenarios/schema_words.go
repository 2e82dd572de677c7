package scenarios

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// The wording of schema problems is jsonschema/v6's (v6.0.3, kind/*.go,
// printed in English by golang.org/x/text/message), which scenario files
// were reported in before issue 15: users, docs and tests know these
// messages, and TestSchemaAgreement holds the two to the letter.

// jsonType is a set of JSON types, in the order messages list them.
type jsonType uint8

const (
	typeNull jsonType = 1 << iota
	typeBoolean
	typeNumber
	typeInteger
	typeString
	typeArray
	typeObject
)

var typeNames = [...]string{"null", "boolean", "number", "integer", "string", "array", "object"}

func compileTypes(v any, at string) (jsonType, error) {
	names, ok := v.([]any)
	if !ok {
		names = []any{v}
	}
	var t jsonType
	for _, name := range names {
		i := -1
		for j, known := range typeNames {
			if name == known {
				i = j
			}
		}
		if i < 0 {
			return 0, fmt.Errorf("schema.json%s: %v is not a JSON type", at, name)
		}
		t |= 1 << i
	}
	return t, nil
}

// String is "string or integer".
func (t jsonType) String() string {
	var names []string
	for i, name := range typeNames {
		if t&(1<<i) != 0 {
			names = append(names, name)
		}
	}
	return strings.Join(names, " or ")
}

// typeOf is the type a decoded JSON value is reported as; a number is
// "number" even when it is whole.
func typeOf(v any) jsonType {
	switch v.(type) {
	case nil:
		return typeNull
	case bool:
		return typeBoolean
	case json.Number:
		return typeNumber
	case string:
		return typeString
	case []any:
		return typeArray
	default:
		return typeObject
	}
}

// quote is 'text' with Go escapes, a ' escaped and a " not.
func quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

// display writes a const or enum value: a number as written in schema.json.
func display(v any) string {
	switch v := v.(type) {
	case string:
		return quote(v)
	case []any, map[string]any:
		return "value"
	default:
		return fmt.Sprint(v)
	}
}

func constMessage(want any) string {
	switch want.(type) {
	case []any, map[string]any:
		return "'const' failed"
	}
	return "value must be " + display(want)
}

func enumMessage(values []any) string {
	want := make([]string, len(values))
	for i, v := range values {
		switch v.(type) {
		case []any, map[string]any:
			return "'enum' failed"
		}
		want[i] = display(v)
	}
	if len(want) == 1 {
		return "value must be " + want[0]
	}
	return "value must be one of " + strings.Join(want, ", ")
}

func requiredMessage(missing []string) string {
	if len(missing) == 1 {
		return "missing property " + quote(missing[0])
	}
	quoted := make([]string, len(missing))
	for i, m := range missing {
		quoted[i] = quote(m)
	}
	return "missing properties " + strings.Join(quoted, ", ")
}

// countMessage is "minItems: got 0, want 1".
func countMessage(keyword string, got, want int) string {
	return keyword + ": got " + englishInt(got) + ", want " + englishInt(want)
}

// boundMessage is "maximum: got 9.223372036854776×10¹⁸, want 1×10¹⁸".
func boundMessage(keyword string, got, want *big.Rat) string {
	g, _ := got.Float64()
	w, _ := want.Float64()
	return keyword + ": got " + englishFloat(g) + ", want " + englishFloat(w)
}

// englishInt is an int as the English printer writes %d: 1,000.
func englishInt(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupThousands(s[1:])
	}
	return groupThousands(s)
}

func groupThousands(digits string) string {
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

var superscript = [...]string{"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"}

// englishFloat is a float64 as the English printer writes %v: the
// shortest digits, grouped (1,234.5) when the exponent is in [-4, 6),
// else scientific with a superscript exponent of at least two digits
// (1×10¹⁸, 2.5×10⁻⁰⁷).
func englishFloat(f float64) string {
	sign := ""
	if f < 0 {
		sign, f = "-", -f
	}
	switch {
	case math.IsInf(f, 0):
		return sign + "∞"
	case f == 0:
		return sign + "0"
	}
	mantissa, expText, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	digits := strings.Replace(mantissa, ".", "", 1)
	exp, _ := strconv.Atoi(expText)
	if exp < -4 || exp >= 6 {
		var b strings.Builder
		b.WriteString(sign + mantissa + "×10")
		if exp < 0 {
			b.WriteString("⁻")
			exp = -exp
		}
		for _, d := range fmt.Sprintf("%02d", exp) {
			b.WriteString(superscript[d-'0'])
		}
		return b.String()
	}
	point := exp + 1 // digits before the decimal point
	switch {
	case point <= 0:
		return sign + "0." + strings.Repeat("0", -point) + digits
	case point >= len(digits):
		return sign + groupThousands(digits+strings.Repeat("0", point-len(digits)))
	}
	return sign + groupThousands(digits[:point]) + "." + digits[point:]
}
