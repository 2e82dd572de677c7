package drift

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/contracts/spec"
)

// VsContract lists how a live answer (status and body) of op differs from
// what the contract c documents: an undocumented HTTP status, then the
// response schema walked against the body, then an error code the
// catalogue lacks. A status only the `default` response covers counts as
// documented when the answer carries a catalogue code (a documented error
// in its envelope), not otherwise (a gateway's 502 page, say).
func VsContract(c *contracts.Contract, op *contracts.Operation, status int, body []byte) []Finding {
	doc, isJSON := decode(body)
	code, codePtr, hasCode := ErrorCode(doc)
	known := hasCode && c.Catalogue != nil && c.Catalogue.Has(code)
	var out []Finding
	schema, how := responseSchema(c, op, status)
	if how == undocumented || how == byDefault && !known {
		out = append(out, Finding{Source: AgainstContract, Kind: Status, Want: "one of " + documentedStatuses(c, op),
			LiveType: statusText(status), Failure: how == undocumented})
	}
	if schema != nil && isJSON {
		out = append(out, walk(schema, doc, "")...)
	}
	if hasCode && !known && c.Catalogue != nil {
		out = append(out, Finding{Source: AgainstContract, Kind: Code, Pointer: codePtr, Want: "a code of contracts/errors/" + c.Name + ".yaml",
			LiveType: "code", Example: example(lastKey(codePtr), code)})
	}
	return out
}

// How the contract documents an answer's status.
const (
	undocumented = iota
	explicitly   // the operation lists the status (or its 2XX range)
	byDefault    // only the default response covers it
)

// responseSchema is the JSON schema of op's answer with status (nil when
// the answer has no JSON body) and how the status is documented.
func responseSchema(c *contracts.Contract, op *contracts.Operation, status int) (*openapi3.Schema, int) {
	o := spec.Operation(spec.MustLoad(c.Name), op)
	if o == nil || o.Responses == nil {
		return nil, undocumented
	}
	how := explicitly
	ref := o.Responses.Status(status)
	if ref == nil {
		ref, how = o.Responses.Default(), byDefault
	}
	if ref == nil || ref.Value == nil {
		return nil, undocumented
	}
	for ct, mt := range ref.Value.Content {
		if strings.Contains(ct, "json") && mt.Schema != nil {
			return mt.Schema.Value, how
		}
	}
	return nil, how
}

func documentedStatuses(c *contracts.Contract, op *contracts.Operation) string {
	o := spec.Operation(spec.MustLoad(c.Name), op)
	if o == nil || o.Responses == nil {
		return "none"
	}
	keys := make([]string, 0, o.Responses.Len())
	for k := range o.Responses.Map() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, ", ")
}

// walk lists where v differs from s, under the JSON pointer ptr.
func walk(s *openapi3.Schema, v any, ptr string) []Finding {
	s = merged(s)
	if v == nil && (s.Nullable || s.Type.IncludesNull() || slices.Contains(s.Enum, nil)) {
		return nil
	}
	if len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return best(append(slices.Clone(s.OneOf), s.AnyOf...), v, ptr)
	}
	got := jsonType(v)
	if v == nil {
		if s.Type.IsEmpty() && len(s.Enum) == 0 {
			return nil
		}
		return []Finding{mismatch(Type, ptr, wantType(s), v, true)}
	}
	if !s.Type.IsEmpty() && !s.Type.Includes(got) && !(got == "integer" && s.Type.Includes("number")) {
		return []Finding{mismatch(Type, ptr, wantType(s), v, true)}
	}
	if len(s.Enum) > 0 && !inEnum(s.Enum, v) {
		return []Finding{mismatch(Enum, ptr, fmt.Sprintf("one of %v", s.Enum), v, true)}
	}
	switch x := v.(type) {
	case string:
		if want, ok := badFormat(s, x); ok {
			return []Finding{mismatch(Format, ptr, want, v, true)}
		}
	case map[string]any:
		return walkObject(s, x, ptr)
	case []any:
		if s.Items == nil || s.Items.Value == nil {
			return nil
		}
		var out []Finding
		for i, e := range x {
			out = append(out, walk(s.Items.Value, e, child(ptr, strconv.Itoa(i)))...)
		}
		return out
	}
	return nil
}

func walkObject(s *openapi3.Schema, m map[string]any, ptr string) []Finding {
	var out []Finding
	for _, name := range s.Required {
		if _, ok := m[name]; !ok {
			f := Finding{Source: AgainstContract, Kind: Missing, Pointer: child(ptr, name), LiveType: "absent", Failure: true}
			if p := s.Properties[name]; p != nil && p.Value != nil {
				f.Want = wantType(merged(p.Value))
			}
			out = append(out, f)
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	open := s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has
	for _, k := range keys {
		switch p, named := s.Properties[k]; {
		case named && p.Value != nil:
			out = append(out, walk(p.Value, m[k], child(ptr, k))...)
		case s.AdditionalProperties.Schema != nil && s.AdditionalProperties.Schema.Value != nil:
			out = append(out, walk(s.AdditionalProperties.Schema.Value, m[k], child(ptr, k))...)
		case !open && len(s.Properties) > 0:
			out = append(out, mismatch(Extra, child(ptr, k), "absent", m[k], false))
		}
	}
	return out
}

// best walks v against each branch and keeps the findings of the branch v
// fits best: the fewest failures, then the fewest extras, then the first.
func best(branches openapi3.SchemaRefs, v any, ptr string) []Finding {
	var out []Finding
	score := -1
	for _, b := range branches {
		if b == nil || b.Value == nil {
			continue
		}
		fs := walk(b.Value, v, ptr)
		n := 0
		for _, f := range fs {
			n++
			if f.Failure {
				n += 1000 // any failure outweighs every extra
			}
		}
		if score < 0 || n < score {
			out, score = fs, n
		}
	}
	return out
}

// merged folds s's allOf branches into one schema (properties, required,
// type, enum, closedness), so a field named by any branch is not extra.
func merged(s *openapi3.Schema) *openapi3.Schema {
	if len(s.AllOf) == 0 {
		return s
	}
	m := *s
	m.AllOf = nil
	m.Properties = openapi3.Schemas{}
	for k, p := range s.Properties {
		m.Properties[k] = p
	}
	for _, b := range s.AllOf {
		if b == nil || b.Value == nil {
			continue
		}
		bv := merged(b.Value)
		for k, p := range bv.Properties {
			m.Properties[k] = p
		}
		m.Required = append(slices.Clone(m.Required), bv.Required...)
		if m.Type.IsEmpty() {
			m.Type = bv.Type
		}
		if len(m.Enum) == 0 {
			m.Enum = bv.Enum
		}
		if m.Format == "" {
			m.Format = bv.Format
		}
		if m.Pattern == "" {
			m.Pattern = bv.Pattern
		}
		if m.Items == nil {
			m.Items = bv.Items
		}
		if m.AdditionalProperties.Has == nil && m.AdditionalProperties.Schema == nil {
			m.AdditionalProperties = bv.AdditionalProperties
		}
		m.OneOf = append(slices.Clone(m.OneOf), bv.OneOf...)
		m.AnyOf = append(slices.Clone(m.AnyOf), bv.AnyOf...)
	}
	if len(m.Properties) == 0 {
		m.Properties = nil
	}
	return &m
}

func mismatch(kind, ptr, want string, v any, failure bool) Finding {
	return Finding{Source: AgainstContract, Kind: kind, Pointer: ptr, Want: want, LiveType: jsonType(v), Example: example(lastKey(ptr), v), Failure: failure}
}

func wantType(s *openapi3.Schema) string {
	t := strings.Join(s.Type.Slice(), " or ")
	if t == "" {
		t = "any"
	}
	if s.Nullable {
		t += " or null"
	}
	return t
}

func inEnum(enum []any, v any) bool {
	for _, e := range enum {
		if fmt.Sprint(e) == fmt.Sprint(v) && (jsonType(e) == jsonType(v) || isNumber(e) && isNumber(v)) {
			return true
		}
	}
	return false
}

func isNumber(v any) bool { t := jsonType(v); return t == "integer" || t == "number" }

// badFormat reports a string that breaks the schema's format or pattern.
func badFormat(s *openapi3.Schema, x string) (want string, bad bool) {
	switch s.Format {
	case "date-time":
		if _, err := time.Parse(time.RFC3339, x); err != nil {
			return "format date-time (RFC 3339)", true
		}
	case "date":
		if _, err := time.Parse(time.DateOnly, x); err != nil {
			return "format date (YYYY-MM-DD)", true
		}
	}
	if s.Pattern != "" {
		if re := pattern(s.Pattern); re != nil && !re.MatchString(x) {
			return "pattern " + s.Pattern, true
		}
	}
	return "", false
}

var patterns sync.Map // pattern → *regexp.Regexp (nil when Go cannot read it)

func pattern(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, _ := regexp.Compile(p)
	patterns.Store(p, re)
	return re
}

// ErrorCode is the provider error code in a decoded answer and its JSON
// pointer: Aloqa and PaySys /error/code, Anor Bank /detail (bare) or
// /result/detail (bmms), requisites /code when /status is "error".
func ErrorCode(doc any) (code, ptr string, ok bool) {
	m, _ := doc.(map[string]any)
	if m == nil {
		return "", "", false
	}
	if e, _ := m["error"].(map[string]any); e != nil && e["code"] != nil {
		return fmt.Sprint(e["code"]), "/error/code", true
	}
	if r, _ := m["result"].(map[string]any); r != nil {
		if d, ok := r["detail"].(string); ok {
			return d, "/result/detail", true
		}
	}
	if d, ok := m["detail"].(string); ok {
		return d, "/detail", true
	}
	if m["status"] == "error" && m["code"] != nil {
		return fmt.Sprint(m["code"]), "/code", true
	}
	return "", "", false
}

// statusText is how a finding names an HTTP status.
func statusText(status int) string {
	return "HTTP " + strconv.Itoa(status) + " " + http.StatusText(status)
}
