package scenarios

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// schemaRun validates one decoded JSON document (numbers as json.Number)
// and collects the problems in the order jsonschema/v6 reports its leaf
// errors: at one place, the $ref'd schema's first, then the keywords of
// the object, array, string or number, then anyOf, then if/then.
type schemaRun struct {
	tokens   []string // where the value being validated is
	problems []Problem
}

// schemaProblems is what the loader made of jsonschema/v6's errors (the
// conversion is now scenarios/schemaref.Problems): each problem once,
// sorted by path (stable), an unknown key at its own path.
func schemaProblems(n *schemaNode, doc any) []Problem {
	r := &schemaRun{}
	r.validate(n, doc)
	if len(r.problems) == 0 {
		return nil
	}
	seen := make(map[Problem]bool, len(r.problems))
	out := r.problems[:0]
	for _, p := range r.problems {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return out
}

func (r *schemaRun) add(msg string) {
	r.problems = append(r.problems, Problem{Path: pointer(r.tokens), Message: msg})
}

func (r *schemaRun) validate(n *schemaNode, v any) {
	// A value of the wrong type, const or enum, or format gets only that
	// problem from this schema.
	if n.types != 0 && !n.admits(v) {
		r.add("got " + typeOf(v).String() + ", want " + n.wantTypes)
		return
	}
	if n.hasConst && !jsonEqual(v, n.constValue) {
		r.add(n.constMessage)
		return
	}
	if n.enum != nil && !slices.ContainsFunc(n.enum, func(want any) bool { return jsonEqual(v, want) }) {
		r.add(n.enumMessage)
		return
	}
	if s, ok := v.(string); ok && n.dateTime {
		if err := checkDateTime(s); err != nil {
			r.add(quote(s) + " is not valid date-time: " + err.Error())
			return
		}
	}
	if n.ref != nil {
		r.validate(n.ref, v)
	}
	switch v := v.(type) {
	case map[string]any:
		r.object(n, v)
	case []any:
		r.array(n, v)
	case string:
		r.string(n, v)
	case json.Number:
		r.number(n, v)
	}
	if n.anyOf != nil {
		r.anyOf(n.anyOf, v)
	}
	if n.ifSchema != nil && n.thenSchema != nil && r.passes(n.ifSchema, v) {
		r.validate(n.thenSchema, v)
	}
}

// admits is the type keyword: a whole number is an integer too.
func (n *schemaNode) admits(v any) bool {
	t := typeOf(v)
	if n.types&t != 0 {
		return true
	}
	if t == typeNumber && n.types&typeInteger != 0 {
		r, ok := new(big.Rat).SetString(string(v.(json.Number)))
		return ok && r.IsInt()
	}
	return false
}

func (r *schemaRun) object(n *schemaNode, obj map[string]any) {
	if n.minProperties >= 0 && len(obj) < n.minProperties {
		r.add(countMessage("minProperties", len(obj), n.minProperties))
	}
	if n.maxProperties >= 0 && len(obj) > n.maxProperties {
		r.add(countMessage("maxProperties", len(obj), n.maxProperties))
	}
	var missing []string
	for _, name := range n.required {
		if _, ok := obj[name]; !ok {
			missing = append(missing, name)
		}
	}
	if missing != nil {
		r.add(requiredMessage(missing))
	}
	var unknown []string
	for key, value := range obj {
		sub := n.properties[key]
		if sub == nil {
			sub = n.additional
		}
		switch {
		case sub != nil:
			r.tokens = append(r.tokens, key)
			r.validate(sub, value)
			r.tokens = r.tokens[:len(r.tokens)-1]
		case n.noAdditional:
			unknown = append(unknown, key)
		}
	}
	for _, key := range unknown {
		r.problems = append(r.problems, Problem{Path: pointer(append(r.tokens, key)), Message: "unknown key"})
	}
}

func (r *schemaRun) array(n *schemaNode, arr []any) {
	if n.minItems >= 0 && len(arr) < n.minItems {
		r.add(countMessage("minItems", len(arr), n.minItems))
	}
	if n.uniqueItems {
		if i, j := firstDuplicate(arr); j >= 0 {
			r.add("items at " + englishInt(i) + " and " + englishInt(j) + " are equal")
		}
	}
	if n.items == nil {
		return
	}
	for i, item := range arr {
		r.tokens = append(r.tokens, strconv.Itoa(i))
		r.validate(n.items, item)
		r.tokens = r.tokens[:len(r.tokens)-1]
	}
}

func (r *schemaRun) string(n *schemaNode, s string) {
	if n.minLength >= 0 {
		if got := utf8.RuneCountInString(s); got < n.minLength {
			r.add(countMessage("minLength", got, n.minLength))
		}
	}
	if n.pattern != nil && !n.pattern.MatchString(s) {
		r.add(quote(s) + " does not match pattern " + quote(n.pattern.String()))
	}
}

func (r *schemaRun) number(n *schemaNode, num json.Number) {
	if n.minimum == nil && n.maximum == nil && n.exclusiveMinimum == nil {
		return
	}
	got, ok := new(big.Rat).SetString(string(num))
	if !ok { // an exponent beyond math/big's range: jsonschema/v6 panics here
		r.add("number out of range")
		return
	}
	if n.minimum != nil && got.Cmp(n.minimum) < 0 {
		r.add(boundMessage("minimum", got, n.minimum))
	}
	if n.maximum != nil && got.Cmp(n.maximum) > 0 {
		r.add(boundMessage("maximum", got, n.maximum))
	}
	if n.exclusiveMinimum != nil && got.Cmp(n.exclusiveMinimum) <= 0 {
		r.add(boundMessage("exclusiveMinimum", got, n.exclusiveMinimum))
	}
}

// anyOf keeps every branch's problems when no branch passes.
func (r *schemaRun) anyOf(branches []*schemaNode, v any) {
	mark := len(r.problems)
	for _, b := range branches {
		before := len(r.problems)
		r.validate(b, v)
		if len(r.problems) == before {
			r.problems = r.problems[:mark]
			return
		}
	}
}

// passes reports whether v is valid against n, leaving no problem.
func (r *schemaRun) passes(n *schemaNode, v any) bool {
	mark := len(r.problems)
	r.validate(n, v)
	ok := len(r.problems) == mark
	r.problems = r.problems[:mark]
	return ok
}

// firstDuplicate is the first pair of equal items (i < j), or -1, -1.
func firstDuplicate(arr []any) (int, int) {
	first := make(map[string]int, len(arr))
	for j, item := range arr {
		key, ok := canonical(item)
		if !ok {
			continue // equal to nothing, as in jsonEqual
		}
		if i, dup := first[key]; dup {
			return i, j
		}
		first[key] = j
	}
	return -1, -1
}

// canonical is a text equal for equal JSON values (1 and 1.0 included);
// false when v holds a number math/big cannot read, which equals nothing.
func canonical(v any) (string, bool) {
	var b strings.Builder
	ok := writeCanonical(&b, v)
	return b.String(), ok
}

func writeCanonical(b *strings.Builder, v any) bool {
	ok := true
	switch v := v.(type) {
	case map[string]any:
		b.WriteByte('{')
		for _, k := range sortedKeys(v) {
			b.WriteString(strconv.Quote(k) + ":")
			ok = writeCanonical(b, v[k]) && ok
			b.WriteByte(',')
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for _, item := range v {
			ok = writeCanonical(b, item) && ok
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case string:
		b.WriteString(strconv.Quote(v))
	case json.Number:
		r, parsed := new(big.Rat).SetString(string(v))
		if !parsed {
			return false
		}
		b.WriteString("n" + r.RatString())
	case bool:
		b.WriteString(strconv.FormatBool(v))
	default:
		b.WriteString("null")
	}
	return ok
}

// jsonEqual is JSON equality: numbers by value, objects whatever the
// order of their keys.
func jsonEqual(a, b any) bool {
	switch a.(type) {
	case map[string]any, []any, json.Number:
		ka, ok1 := canonical(a)
		kb, ok2 := canonical(b)
		return ok1 && ok2 && ka == kb
	default: // nil, bool, string
		return a == b
	}
}

// pointer is the JSON pointer (RFC 6901) of tokens.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(escape(t))
	}
	return b.String()
}
