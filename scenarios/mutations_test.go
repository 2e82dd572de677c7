package scenarios_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// schemaMutations walks schema.json (read here as plain JSON, apart from
// the validator under test) and, at every place a value can stand,
// builds documents that differ from a valid one there: every wrong JSON
// type, values in and out of enum and const, strings for and against the
// pattern and format, numbers at and past the bounds, short strings and
// arrays, duplicate items, missing required and unknown keys, each
// anyOf branch and the if/then condition. The same for fault bodies.
func schemaMutations(t *testing.T) []agreementCase {
	doc := schemaDoc(t)
	g := &mutator{t: t, defs: doc["$defs"].(map[string]any)}
	g.fault = false
	g.walk(doc, "", func(v any) any { return v }, 0)
	g.fault = true
	g.walk(g.defs["fault"].(map[string]any), "", func(v any) any { return v }, 0)
	return g.cases
}

type mutator struct {
	t     *testing.T
	defs  map[string]any
	fault bool
	cases []agreementCase
}

// place builds a whole document around the value at the place walked.
type place func(v any) any

func (g *mutator) emit(at, what string, doc any) {
	asJSON, err := json.Marshal(doc)
	if err != nil {
		g.t.Fatalf("%s %s: %v", at, what, err)
	}
	g.cases = append(g.cases, agreementCase{name: fmt.Sprintf("mutation at %q: %s", at, what), json: asJSON, fault: g.fault})
}

// Values of every JSON type, numbers among them written every way.
var anyTypeValues = []any{nil, true, false, num("5"), num("2.5"), num("-1"), "text", "", []any{}, map[string]any{}}

var numbers = []string{"0", "-0", "1", "-1", "0.5", "-0.5", "2", "4", "7", "8", "9", "10", "10.5", "11", "100", "1000",
	"1234.5678", "123456", "1234567", "0.0001", "0.00001", "1e-7", "2.5e-7", "1E3", "1.0", "1e0",
	"999999999999999999", "1000000000000000000", "1000000000000000001", "9223372036854775807", "-9223372036854775808",
	"1e21", "1.5e300", "-1e300", "123456789012345678901234567890", "1e400", "-1e400"}

var strs = []string{"", "x", "now", "0", "5", "1s", "-2s", "1.5h", "1µs", "soon", "5 s", "12", "1234", "123456789",
	"8600000000000001", "2027-07", "2027-13", "998901234567", "00014", "20208000900000034001", "0.5", "1.", "a/b~c",
	"it's \"quoted\"", "тест", "\x00\t\n", "2026-03-02T09:00:00+05:00", "2026-03-02T09:00:00Z"}

var dateTimes = []string{"2026-03-02T09:00:00+05:00", "2026-03-02t09:00:00z", "2026-03-02T09:00:00.123Z",
	"2026-03-02 09:00:00Z", "2026-03-02T09:00:00", "2026-13-02T09:00:00Z", "2026-02-30T09:00:00Z",
	"2026-03-02T24:00:00Z", "2026-03-02T09:60:00Z", "2026-03-02T23:59:60Z", "2026-03-02T22:59:60Z",
	"2026-03-02T23:59:60-01:00", "2026-03-02T04:59:60+05:00", "2026-03-02T09:00:00.Z", "2026-03-02T09:00:00+0500",
	"2026-03-02T09:00:00*05:00", "2026-03-02T09:00:00+05-00", "2026-03-02T09:00:00+25:00", "2026-03-02T09:00:00+05:60",
	"2026-03-02T09:0a:00Z", "2026-03-02T09-00:00Z", "2026-03-02T-1:00:00Z", "2026-03-02T09:00:00+-1:00",
	"26-03-02T09:00:00Z", "2026-03-02Tx", "2026-03-02T09:00:00+05:00 ", "２026-03-02T09:00:00Z"}

func num(s string) json.Number { return json.Number(s) }

// walk emits the mutations at one place and walks on into the places
// inside it; depth only guards against a schema that recurses.
func (g *mutator) walk(s map[string]any, at string, put place, depth int) {
	if depth > 12 {
		g.t.Fatalf("schema.json nests deeper than this walk expects at %s", at)
	}
	g.emit(at, "a valid value", put(g.sample(s)))
	for _, v := range anyTypeValues {
		g.emit(at, fmt.Sprintf("%#v", v), put(v))
	}
	if ref, ok := s["$ref"].(string); ok {
		g.walk(g.def(ref), at, put, depth+1)
	}
	for _, kw := range []string{"enum", "const"} {
		values, _ := s[kw].([]any)
		if v, ok := s["const"]; ok && kw == "const" {
			values = []any{v}
		}
		for _, v := range values {
			g.emit(at, kw+" value", put(v))
		}
	}
	if slices.Contains(typesOf(s), "string") || s["pattern"] != nil {
		g.strings(s, at, put)
	}
	if ts := typesOf(s); slices.Contains(ts, "number") || slices.Contains(ts, "integer") {
		for _, n := range numbers {
			g.emit(at, "number "+n, put(num(n)))
		}
	}
	g.arrays(s, at, put, depth)
	g.objects(s, at, put, depth)
	for _, branch := range list(s["anyOf"]) {
		g.walk(branch.(map[string]any), at, put, depth+1)
	}
}

func (g *mutator) strings(s map[string]any, at string, put place) {
	for _, v := range strs {
		g.emit(at, fmt.Sprintf("string %q", v), put(v))
	}
	if s["format"] != nil || s["anyOf"] != nil {
		for _, v := range dateTimes {
			g.emit(at, "date-time "+v, put(v))
		}
	}
}

func (g *mutator) arrays(s map[string]any, at string, put place, depth int) {
	items, ok := s["items"].(map[string]any)
	if !ok {
		return
	}
	one := g.sample(items)
	g.emit(at, "one item", put([]any{one}))
	g.emit(at, "two equal items", put([]any{one, g.sample(items)}))
	long := make([]any, 25) // jsonschema/v6 looks for duplicates by hash past 20 items
	for i := range long {
		long[i] = num(fmt.Sprint(i))
	}
	long[24] = num("3.0")
	g.emit(at, "25 items, two equal", put(long))
	if enum := list(items["enum"]); len(enum) > 1 {
		g.emit(at, "all enum values", put(enum))
		g.emit(at, "enum values, one twice", put(append(slices.Clone(enum), enum[1])))
	}
	g.walk(items, at+"/0", func(v any) any { return put([]any{v}) }, depth+1)
	g.walk(items, at+"/1", func(v any) any { return put([]any{g.sample(items), v}) }, depth+1)
}

func (g *mutator) objects(s map[string]any, at string, put place, depth int) {
	props, _ := s["properties"].(map[string]any)
	for _, name := range sorted(props) {
		g.walk(props[name].(map[string]any), at+"/"+name, func(v any) any {
			obj := g.sample(s).(map[string]any)
			if s["maxProperties"] == num("1") { // a matcher: this key alone
				obj = map[string]any{}
			}
			obj[name] = v
			return put(obj)
		}, depth+1)
	}
	if s["type"] != "object" && props == nil {
		return
	}
	base := g.sample(s).(map[string]any)
	for _, name := range list(s["required"]) {
		without := maps.Clone(base)
		delete(without, name.(string))
		g.emit(at, "without "+name.(string), put(without))
	}
	unknown := maps.Clone(base)
	unknown["zz_unknown"], unknown["a/b~c"], unknown[""] = 1, "x", nil
	g.emit(at, "unknown keys", put(unknown))
	two := maps.Clone(base)
	two["eq"], two["exists"] = 1, true
	g.emit(at, "eq and exists", put(two))
	if add, ok := s["additionalProperties"].(map[string]any); ok {
		g.walk(add, at+"/body.x~1y", func(v any) any {
			obj := g.sample(s).(map[string]any)
			obj["body.x/y"] = v
			return put(obj)
		}, depth+1)
	}
	if cond, ok := s["if"].(map[string]any); ok {
		met := maps.Clone(base)
		maps.Copy(met, g.sample(cond).(map[string]any))
		g.emit(at, "if met", put(met))
		for _, name := range list(s["then"].(map[string]any)["required"]) {
			without := maps.Clone(met)
			delete(without, name.(string))
			g.emit(at, "if met, then's "+name.(string)+" missing", put(without))
		}
	}
}

func (g *mutator) def(ref string) map[string]any {
	name, ok := strings.CutPrefix(ref, "#/$defs/")
	def, found := g.defs[name].(map[string]any)
	if !ok || !found {
		g.t.Fatalf("$ref %s: not a definition", ref)
	}
	return def
}

func typesOf(s map[string]any) []string {
	if t, ok := s["type"].(string); ok {
		return []string{t}
	}
	var out []string
	for _, t := range list(s["type"]) {
		out = append(out, t.(string))
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func sorted(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// sample is a value valid at s (for the schema pass; the semantic checks
// may still refuse it), built from s alone.
func (g *mutator) sample(s map[string]any) any {
	if ref, ok := s["$ref"].(string); ok {
		v := g.sample(g.def(ref))
		if obj, isObj := v.(map[string]any); isObj && s["properties"] != nil {
			maps.Copy(obj, g.sampleObject(s))
		}
		return v
	}
	if v, ok := s["const"]; ok {
		return v
	}
	if enum := list(s["enum"]); len(enum) > 0 {
		return enum[0]
	}
	if branches := list(s["anyOf"]); len(branches) > 0 && s["properties"] == nil {
		return g.sample(branches[0].(map[string]any))
	}
	types := typesOf(s)
	switch {
	case len(types) == 0 && s["properties"] != nil:
		types = []string{"object"}
	case len(types) == 0:
		return "anything"
	}
	switch types[0] {
	case "string":
		return g.sampleString(s)
	case "integer", "number":
		for _, kw := range []string{"minimum", "maximum"} {
			if v, ok := s[kw]; ok {
				return v
			}
		}
		return num("1")
	case "boolean":
		return true
	case "array":
		if items, ok := s["items"].(map[string]any); ok && s["minItems"] != nil {
			return []any{g.sample(items)}
		}
		return []any{}
	case "object":
		return g.sampleObject(s)
	}
	return nil
}

// sampleObject has the required keys, and those of the first anyOf branch.
func (g *mutator) sampleObject(s map[string]any) map[string]any {
	props, _ := s["properties"].(map[string]any)
	obj := map[string]any{}
	names := list(s["required"])
	if branches := list(s["anyOf"]); len(branches) > 0 {
		names = append(names, list(branches[0].(map[string]any)["required"])...)
	}
	if len(names) == 0 && s["minProperties"] != nil {
		names = []any{sorted(props)[0]}
	}
	for _, name := range names {
		if p, ok := props[name.(string)].(map[string]any); ok {
			obj[name.(string)] = g.sample(p)
		} else {
			obj[name.(string)] = "x"
		}
	}
	return obj
}

// patternSamples match schema.json's patterns: a new pattern needs one.
var patternSamples = map[string]string{
	`^-?([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`: "1s",
	`^[0-9]+$`:                     "123",
	`^[0-9]{4,8}$`:                 "1234",
	`^[0-9]{16}$`:                  "8600000000000001",
	`^20[0-9]{2}-(0[1-9]|1[0-2])$`: "2027-07",
	`^998[0-9]{9}$`:                "998901234567",
	`^[0-9]+(\.[0-9]+)?$`:          "0.5",
	`^[0-9]{5}$`:                   "00014",
	`^[0-9]{20}$`:                  "20208000900000034001",
}

func (g *mutator) sampleString(s map[string]any) string {
	if p, ok := s["pattern"].(string); ok {
		sample, known := patternSamples[p]
		if !known {
			g.t.Fatalf("no sample for schema.json's pattern %q: add one to patternSamples", p)
		}
		return sample
	}
	if s["format"] == "date-time" {
		return dateTimes[0]
	}
	return "x"
}
