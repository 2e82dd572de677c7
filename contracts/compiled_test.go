package contracts

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts/internal/compile"
	"github.com/paysandbox/paysandbox/contracts/schema"
)

// schemaCase is one request-body or response schema of one operation, with
// its compiled node (nil when it falls back to kin) and the documented
// examples of its media type.
type schemaCase struct {
	name     string
	s        *openapi3.Schema
	n        *schema.Node
	mode     openapi3.SchemaValidationOption
	examples []any
}

func mediaExamples(mt *openapi3.MediaType) []any {
	var out []any
	if mt.Example != nil {
		out = append(out, mt.Example)
	}
	names := make([]string, 0, len(mt.Examples))
	for k := range mt.Examples {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if ex := mt.Examples[k]; ex != nil && ex.Value != nil {
			out = append(out, ex.Value.Value)
		}
	}
	return out
}

// allSchemaCases lists every operation's schemas in a fixed order: kin's
// reading of the document, with the compiled node the server runs.
func allSchemaCases() []schemaCase {
	var out []schemaCase
	t := &testing.T{}
	for _, name := range Providers {
		c := MustLoad(name)
		for _, o := range c.Operations() {
			route := kinRoute(t, name, o)
			if rb := route.Operation.RequestBody; rb != nil && rb.Value != nil {
				if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
					out = append(out, schemaCase{name: name + " " + o.ID + " request", s: mt.Schema.Value, n: o.body, mode: openapi3.VisitAsRequest(), examples: mediaExamples(mt)})
				}
			}
			codes := make([]string, 0)
			for code := range route.Operation.Responses.Map() {
				codes = append(codes, code)
			}
			sort.Strings(codes)
			for _, code := range codes {
				ref := route.Operation.Responses.Value(code)
				mt := ref.Value.Content.Get("application/json")
				if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
					continue
				}
				out = append(out, schemaCase{
					name: fmt.Sprintf("%s %s response %s", name, o.ID, code),
					s:    mt.Schema.Value, n: o.responses[code].schema,
					mode: openapi3.VisitAsResponse(), examples: mediaExamples(mt),
				})
			}
		}
	}
	return out
}

// num is a JSON number as encoding/json's UseNumber decodes it.
func num(s string) json.Number { return json.Number(s) }

// probes are the values every position of a corpus value is replaced with.
func probes() []any {
	return []any{
		nil, true, false,
		num("0"), num("-1"), num("1"), num("1.5"), num("1.0"), num("-0"), num("1e2"), num("1E2"), num("1e-2"), num("2.5e1"),
		num("860"), num("1001"), num("400"), num("401"), num("404"), num("500"), num("0.0"),
		num("2147483647"), num("2147483648"), num("-2147483649"),
		num("9007199254740993"), num("12345678901234567"), num("12345678901234567890"),
		num("9223372036854775807"), num("9223372036854775808"), num("-9223372036854775808"), num("-9223372036854775809"),
		num("1e19"), num("-1e19"), num("1e308"), num("1e400"), num("-1e400"), num("1e-400"),
		1.5, 7.0, // float64 values, as a caller decoding without UseNumber would pass
		"", "x", "0", "1", "30", "100", "100.50", "-5", "1.", ".5", "0727", "1327", "0013", "860", "UZS",
		"8600000000000001", "860000000000000", "86000000000000012", "860000******0001", "998901234567", "99890123456",
		"2026-11-23T19:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23T19:00:00+05:00", "2026-11-23 19:00:00", "2026-11-23",
		"11/23/2026, 7:00:00 PM", "0123456789abcdef01234567", "0123456789abcdef0123456789abcdef",
		"123e4567-e89b-12d3-a456-426614174000", "abc\n", "100\n", "é", "日本", "\u0000", "AAA", "aaa",
		"UZCARD", "HUMO", "CHECK_OK", "SUCCESS", "bearer", "true", "null",
		[]any{}, []any{num("1")}, []any{"x"}, []any{nil}, []any{map[string]any{}},
		map[string]any{}, map[string]any{"a": "b"}, map[string]any{"code": num("1"), "message": "x"},
	}
}

// collect gathers enum values and example values found in s (and its
// subschemas) as more probes: they are what sits at the edge of a check.
func collect(s *openapi3.Schema, seen map[*openapi3.Schema]bool, out *[]any) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	*out = append(*out, s.Enum...)
	if s.Example != nil {
		*out = append(*out, s.Example)
	}
	refs := append(append(append(openapi3.SchemaRefs{}, s.OneOf...), s.AnyOf...), s.AllOf...)
	refs = append(refs, s.Not, s.Items, s.AdditionalProperties.Schema)
	for _, r := range s.Properties {
		refs = append(refs, r)
	}
	for _, r := range refs {
		if r != nil {
			collect(r.Value, seen, out)
		}
	}
}

// generate builds a value s probably accepts (its example, enum, first
// branch, all properties), up to depth.
func generate(s *openapi3.Schema, depth int) any {
	if s == nil || depth > 8 {
		return nil
	}
	if s.Example != nil {
		return s.Example
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if len(s.OneOf) > 0 {
		return generate(s.OneOf[0].Value, depth+1)
	}
	if len(s.AnyOf) > 0 {
		return generate(s.AnyOf[0].Value, depth+1)
	}
	if len(s.AllOf) > 0 {
		m := map[string]any{}
		for _, b := range s.AllOf {
			if bm, ok := generate(b.Value, depth+1).(map[string]any); ok {
				for k, v := range bm {
					m[k] = v
				}
			}
		}
		return m
	}
	switch {
	case s.Type.Is(openapi3.TypeObject) || len(s.Properties) > 0:
		m := map[string]any{}
		for k, r := range s.Properties {
			m[k] = generate(r.Value, depth+1)
		}
		return m
	case s.Type.Is(openapi3.TypeArray):
		if s.Items != nil {
			return []any{generate(s.Items.Value, depth+1)}
		}
		return []any{}
	case s.Type.Is(openapi3.TypeInteger):
		return num("1")
	case s.Type.Is(openapi3.TypeNumber):
		return num("1.5")
	case s.Type.Is(openapi3.TypeBoolean):
		return true
	case s.Type.Is(openapi3.TypeString):
		return "x"
	}
	return nil
}

// normalize turns a document's example (float64, int from YAML) into what
// encoding/json with UseNumber produces.
func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	out, ok := decodes(b)
	if !ok {
		return v
	}
	return out
}

func deepClone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = deepClone(x)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, x := range v {
			a[i] = deepClone(x)
		}
		return a
	}
	return v
}

// mutations returns v itself and, at every position in v (nested objects
// and arrays included), v with that position replaced by each probe, with
// an object's key removed, and with an extra key added / item appended.
func mutations(v any, ps []any) []any {
	out := []any{v}
	top := ps
	var walk func(cur any, depth int, set func(func(any) any))
	walk = func(cur any, depth int, set func(edit func(any) any)) {
		ps := top
		if depth > 0 {
			ps = nestedProbes(top)
		}
		switch c := cur.(type) {
		case map[string]any:
			keys := make([]string, 0, len(c))
			for k := range c {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			// extra key
			set(func(x any) any {
				m := x.(map[string]any)
				m["zzExtra"] = "x"
				return m
			})
			for _, k := range keys {
				set(func(x any) any { delete(x.(map[string]any), k); return x })
				for _, p := range ps {
					set(func(x any) any { x.(map[string]any)[k] = deepClone(p); return x })
				}
				walk(c[k], depth+1, func(edit func(any) any) {
					set(func(x any) any {
						m := x.(map[string]any)
						m[k] = edit(m[k])
						return m
					})
				})
			}
		case []any:
			set(func(x any) any { return append(x.([]any), deepClone(x.([]any)[0:min(1, len(x.([]any)))]).([]any)...) })
			set(func(x any) any { return append(x.([]any), "x") })
			for i := range c {
				for _, p := range ps {
					set(func(x any) any { x.([]any)[i] = deepClone(p); return x })
				}
				walk(c[i], depth+1, func(edit func(any) any) {
					set(func(x any) any {
						a := x.([]any)
						a[i] = edit(a[i])
						return a
					})
				})
			}
		}
	}
	walk(v, 0, func(edit func(any) any) { out = append(out, edit(deepClone(v))) })
	for _, p := range ps {
		out = append(out, deepClone(p))
	}
	return out
}

// nestedProbes is the probes used below the top level: one of each kind
// and the schema's own enum and example values (the tail of ps).
func nestedProbes(ps []any) []any {
	base := len(probes())
	out := []any{nil, true, num("1"), num("1.5"), num("1e400"), num("12345678901234567890"), "", "x", "100", []any{}, map[string]any{}}
	if len(ps) > base {
		out = append(out, ps[base:]...)
	}
	return out
}

// corpusFor builds the values checked against one schema.
func corpusFor(sc schemaCase) []any {
	ps := probes()
	var extra []any
	collect(sc.s, map[*openapi3.Schema]bool{}, &extra)
	for _, e := range extra {
		ps = append(ps, normalize(e))
	}
	bases := []any{normalize(generate(sc.s, 0))}
	for _, ex := range sc.examples {
		bases = append(bases, normalize(ex))
	}
	var out []any
	for _, b := range bases {
		out = append(out, mutations(b, ps)...)
	}
	return out
}

func kinOK(sc schemaCase, v any) bool {
	return sc.s.VisitJSON(deepClone(v), sc.mode) == nil
}

// Every compiled schema accepts exactly what kin-openapi's VisitJSON does,
// on generated values: examples, values built from the schema, and every
// position of those replaced by probes (types, number spellings, huge and
// out-of-range integers, null, enum members, pattern and format edges).
func TestCompiledAgreesWithKin(t *testing.T) {
	compared, accepted := 0, 0
	cases := allSchemaCases()
	type key struct {
		s    *openapi3.Schema
		resp bool
	}
	seen := map[key]bool{}
	for _, sc := range cases {
		k := key{sc.s, strings.Contains(sc.name, " response ")}
		if sc.n == nil || seen[k] {
			continue
		}
		seen[k] = true
		for i, v := range corpusFor(sc) {
			if !sampled(i) {
				continue
			}
			got := sc.n.Valid(v)
			want := kinOK(sc, v)
			if why := sc.n.Check(v); (why == nil) != got {
				t.Errorf("%s: value %#v: Valid=%v but Check=%v", sc.name, v, got, why)
			}
			compared++
			if want {
				accepted++
			}
			if got != want {
				b, _ := json.Marshal(v)
				t.Errorf("%s: value %s (%#v): compiled=%v kin=%v (%v)", sc.name, b, v, got, want, sc.s.VisitJSON(v, sc.mode))
			}
		}
	}
	if compared < atLeast(10000) || accepted < atLeast(1000) {
		t.Fatalf("only %d values compared (%d accepted)", compared, accepted)
	}
	t.Logf("%d schemas (%d distinct), %d values compared, %d accepted by both", len(cases), len(seen), compared, accepted)
}

// Every schema of every operation has its compiled node: the server has
// no other validator to fall back on.
func TestEverySchemaIsCompiled(t *testing.T) {
	cases := allSchemaCases()
	for _, sc := range cases {
		if sc.n == nil {
			t.Errorf("%s: no compiled node", sc.name)
		}
	}
	if len(cases) < 50 {
		t.Fatalf("only %d schemas found", len(cases))
	}
}

// Schemas using keywords the compiler does not support do not compile.
func TestCompileRejectsUnsupported(t *testing.T) {
	one := 1.0
	tr := true
	for name, s := range map[string]*openapi3.Schema{
		"multipleOf":    {MultipleOf: &one},
		"uniqueItems":   {UniqueItems: true},
		"readOnly":      {ReadOnly: true},
		"writeOnly":     {WriteOnly: true},
		"discriminator": {Discriminator: &openapi3.Discriminator{PropertyName: "x"}},
		"const":         {Const: "x"},
		"always":        {Always: &tr},
		"nested":        {Properties: openapi3.Schemas{"a": openapi3.NewSchemaRef("", &openapi3.Schema{ReadOnly: true})}},
		"unresolved":    {Items: &openapi3.SchemaRef{Ref: "#/x"}},
	} {
		if _, err := compile.Schema(s); err == nil {
			t.Errorf("%s compiled", name)
		}
	}
	rec := &openapi3.Schema{Type: &openapi3.Types{"object"}}
	rec.Properties = openapi3.Schemas{"self": openapi3.NewSchemaRef("", rec)}
	if _, err := compile.Schema(rec); err == nil {
		t.Error("a recursive schema compiled")
	}
}

// Hand-written schemas for keywords the documents use rarely or not at
// all, compared with kin on the probes.
func TestCompiledKeywordsAgree(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	u := func(x uint64) *uint64 { return &x }
	tr, fa := true, false
	ty := func(ts ...string) *openapi3.Types { t := openapi3.Types(ts); return &t }
	ref := openapi3.NewSchemaRef
	str := &openapi3.Schema{Type: ty("string")}
	in := &openapi3.Schema{Type: ty("integer")}
	schemas := []*openapi3.Schema{
		{},
		{Nullable: true},
		{Type: ty("integer"), Format: "int32"},
		{Type: ty("integer"), Format: "int64", Nullable: true},
		{Type: ty("number"), Format: "double"},
		{Type: ty("number"), Min: f(0), Max: f(10), ExclusiveMin: openapi3.ExclusiveBound{Bool: &tr}, ExclusiveMax: openapi3.ExclusiveBound{Bool: &tr}},
		{Type: ty("number"), Min: f(0), ExclusiveMin: openapi3.ExclusiveBound{Bool: &fa}},
		{Type: ty("integer"), Max: f(100)},
		{Type: ty("string"), MinLength: 2, MaxLength: u(3)},
		{Type: ty("string"), Pattern: `^\u0041+$`},
		{Type: ty("string"), Pattern: `[0-9]`},
		{Type: ty("string"), Format: "date"},
		{Type: ty("string"), Format: "date-time", Nullable: true},
		{Type: ty("string"), Format: "byte"},
		{Type: ty("string"), Format: "email"},
		{Enum: []any{1.0, "1", nil, true, []any{1.0}, map[string]any{"a": 1.0}}},
		{Type: ty("integer"), Enum: []any{400.0, 401.0}},
		{Type: ty("string"), Enum: []any{"UZCARD", "HUMO"}, Nullable: true},
		{Type: ty("array"), MinItems: 1, MaxItems: u(2), Items: ref("", in)},
		{Type: ty("array")},
		{Type: ty("object"), MinProps: 1, MaxProps: u(2)},
		{Type: ty("object"), Properties: openapi3.Schemas{"a": ref("", str)}, Required: []string{"a"}, AdditionalProperties: openapi3.AdditionalProperties{Has: &fa}},
		{Type: ty("object"), AdditionalProperties: openapi3.AdditionalProperties{Schema: ref("", in)}},
		{Type: ty("object"), AdditionalProperties: openapi3.AdditionalProperties{Schema: ref("", &openapi3.Schema{})}},
		{OneOf: openapi3.SchemaRefs{ref("", in), ref("", &openapi3.Schema{Type: ty("number")})}},
		{OneOf: openapi3.SchemaRefs{ref("", str), ref("", in)}, Nullable: false},
		{OneOf: openapi3.SchemaRefs{ref("", &openapi3.Schema{Nullable: true, Type: ty("string")}), ref("", in)}},
		{AnyOf: openapi3.SchemaRefs{ref("", str), ref("", in)}},
		{AllOf: openapi3.SchemaRefs{ref("", str), ref("", &openapi3.Schema{MinLength: 1})}},
		{AllOf: openapi3.SchemaRefs{ref("", &openapi3.Schema{Nullable: true})}},
		{Not: ref("", str)},
		{Not: ref("", &openapi3.Schema{})},
		{OneOf: openapi3.SchemaRefs{ref("", &openapi3.Schema{}), ref("", &openapi3.Schema{})}},
		{Type: ty("string"), Not: ref("", &openapi3.Schema{Enum: []any{"x"}})},
		{Type: &openapi3.Types{}},
		{Type: ty("boolean")},
	}
	for i, s := range schemas {
		n, err := compile.Schema(s)
		if err != nil {
			t.Fatalf("schema %d: %v", i, err)
		}
		ps := probes()
		ps = append(ps, "AA", "2017-07-21", "2017-02-29", "U3dhZ2dlciByb2Nrcw==", "a@b", num("5"), num("10"), num("0"), int64(3), 3, []any{1.0}, map[string]any{"a": 1.0}, []any{num("1"), num("2"), num("3")}, map[string]any{"a": "x", "b": num("1"), "c": nil})
		for _, v := range ps {
			if raw, err := json.Marshal(v); err == nil {
				if dv, ok := decodes(raw); ok {
					if got := n.ValidJSON(raw); got != schema.Unknown && (got == schema.Pass) != n.Valid(dv) {
						t.Errorf("schema %d %+v value %s: ValidJSON=%v, Valid=%v", i, s, raw, got, n.Valid(dv))
					}
				}
			}
			for _, mode := range []openapi3.SchemaValidationOption{openapi3.VisitAsRequest(), openapi3.VisitAsResponse()} {
				wantErr := kinExplain(s.VisitJSON(deepClone(v), mode))
				want := wantErr == nil
				if gotErr := Explain(visit(n, v, "x")); want == (gotErr == nil) && gotErr != nil && gotErr.Error() != wantErr.Error() {
					t.Errorf("schema %d %+v value %#v: compiled says %q, kin %q", i, s, v, gotErr, wantErr)
				}
				if got := n.Valid(v); got != want {
					// the compiled walk may reject Go types encoding/json never
					// produces; visit then asks kin, so only a false accept matters
					if _, odd := v.(int); odd && !got {
						continue
					}
					if _, odd := v.(int64); odd && !got {
						continue
					}
					t.Errorf("schema %d %+v value %#v: compiled=%v kin=%v", i, s, v, got, want)
				}
			}
		}
	}
}

// FuzzCompiledAgreesWithKin decodes the fuzzer's bytes as JSON (UseNumber)
// and checks the compiled validator of a schema picked by index agrees
// with kin-openapi.
func FuzzCompiledAgreesWithKin(f *testing.F) {
	var cases []schemaCase
	for _, sc := range allSchemaCases() {
		if sc.n != nil {
			cases = append(cases, sc)
		}
	}
	for i, sc := range cases {
		for _, ex := range sc.examples {
			b, _ := json.Marshal(ex)
			f.Add(uint(i), b)
		}
		b, _ := json.Marshal(generate(sc.s, 0))
		f.Add(uint(i), b)
	}
	f.Add(uint(0), []byte(`{"a":1e400,"b":[null,-0,1.0e+2]}`))
	f.Fuzz(func(t *testing.T, idx uint, data []byte) {
		sc := cases[idx%uint(len(cases))]
		v, ok := decodes(data)
		if !ok {
			return
		}
		got := sc.n.Valid(v)
		err := sc.s.VisitJSON(v, sc.mode)
		if why := Explain(visit(sc.n, v, "x")); (why == nil) != (err == nil) || (why != nil && why.Error() != kinVisit(sc.s, v, sc.mode).Error()) {
			t.Fatalf("%s: value %s: compiled says %v, kin %v", sc.name, data, why, kinVisit(sc.s, v, sc.mode))
		}
		if got != (err == nil) {
			t.Fatalf("%s: value %s: compiled=%v kin=%v", sc.name, data, got, err)
		}
	})
}

// The compiled path changes no message: a rejected value gets the finding
// the previous (kin-openapi) path gave, word for word.
func TestCompiledMessagesUnchanged(t *testing.T) {
	compared, rejected := 0, 0
	seen := map[string]bool{}
	for _, sc := range allSchemaCases() {
		k := fmt.Sprintf("%p %v", sc.s, strings.Contains(sc.name, " response "))
		if sc.n == nil || seen[k] {
			continue
		}
		seen[k] = true
		for i, v := range corpusFor(sc) {
			if i%7 != 0 || !sampled(i/7) { // a sample: the walk for messages is slow
				continue
			}
			got := Explain(visit(sc.n, deepClone(v), "x"))
			want := kinVisit(sc.s, deepClone(v), sc.mode)
			compared++
			if want != nil {
				rejected++
			}
			if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error()) {
				t.Errorf("%s: %#v: compiled path %v, previous path %v", sc.name, v, got, want)
			}
		}
	}
	t.Logf("%d values compared, %d rejected with the same message", compared, rejected)
}
