package sandbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts"
)

// TestNullInAnOptionalFieldIsAbsent is D-12, generated from the contracts:
// for every operation of every provider that takes a JSON body, it takes
// the operation's known-good request (nullRecipes: a body the default
// scenario answers with success, and the calls that make it valid), then,
// one request per field (nested ones too), sends the body with that field
// `null` and with it left out, each in a fresh namespace. A `null` must
// read as absent: both answers are of one class (HTTP status and the
// provider's code). A field the contract does not require (its schema's
// `required`, or `x-provider-required` where the provider checks presence
// itself) must, as `null`, get the known-good request's success.
func TestNullInAnOptionalFieldIsAbsent(t *testing.T) {
	s := newServer(t, Options{})
	for _, p := range s.providers {
		c := contracts.MustLoad(p.name)
		for _, op := range c.Operations() {
			schema, _ := requestShape(op, c)
			if schema == nil {
				continue // no JSON body: nothing can be null
			}
			key := p.name + " " + op.ID
			recipes, ok := nullRecipes[key]
			if !ok {
				t.Errorf("%s: no known-good request in nullRecipes; every operation with a body needs one", key)
				continue
			}
			for i, r := range recipes {
				r.provider, r.op = p.name, op
				t.Run(fmt.Sprintf("%s#%d", key, i), func(t *testing.T) {
					t.Parallel()
					nullEachField(t, s, r, schema)
				})
			}
		}
	}
}

// nullEachField checks one known-good request, field by field.
func nullEachField(t *testing.T, h http.Handler, r recipe, schema *openapi3.Schema) {
	body := r.decodeTarget(t)
	if got := r.run(t, h, body); got != success {
		t.Fatalf("the known-good request answers %s, want %s", got, success)
	}
	for _, f := range fieldsOf(body, body, []*openapi3.Schema{schema}, "", nil) {
		t.Run(f.path, func(t *testing.T) {
			null, absent := r.run(t, h, withField(body, f.path, nil)), success
			if !f.unsent {
				absent = r.run(t, h, without(body, f.path))
			}
			if null != absent {
				t.Errorf("%s: null answers %s, absent %s (D-12: null is absent)", f.path, null, absent)
			}
			if !f.required && null != success {
				t.Errorf("%s is optional in contracts/%s.yaml, but null answers %s, want %s", f.path, r.provider, null, success)
			}
		})
	}
}

// outcome is an answer's class: HTTP status and the provider's code ("ok"
// on success).
type outcome string

const success outcome = "200 ok"

// outcomeOf reads the class from any provider's envelope: Aloqa's and
// PaySys's error.code, Anor Bank's detail (bare or nested under result),
// requisites' code when status is "error".
func outcomeOf(status int, body []byte) outcome {
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return outcome(fmt.Sprintf("%d not JSON: %.80s", status, body))
	}
	code := "ok"
	if e, ok := m["error"].(map[string]any); ok {
		code = fmt.Sprint(e["code"])
	} else if r, ok := m["result"].(map[string]any); ok && r["detail"] != nil {
		code = fmt.Sprint(r["detail"])
	} else if m["detail"] != nil {
		code = fmt.Sprint(m["detail"])
	} else if m["status"] == "error" {
		code = fmt.Sprint(m["code"])
	}
	return outcome(fmt.Sprintf("%d %s", status, code))
}

// field is one member of a request body, by dotted path.
type field struct {
	path     string
	required bool
	unsent   bool // in the contract, not in the known-good body
}

// fieldsOf lists every member of obj (at prefix in the body root) and of
// its nested objects, and every member the schemas (the object's schema and
// its allOf/anyOf/oneOf branches) define that obj leaves out, sorted, with
// whether the contract requires it. groups are the requirements in force
// from the levels above, as alternatives of full dotted paths.
func fieldsOf(root, obj map[string]any, schemas []*openapi3.Schema, prefix string, groups [][]string) []field {
	groups = append(slices.Clone(groups), requirementsOf(schemas, prefix)...)
	var out []field
	for _, k := range memberNames(obj, schemas) {
		_, sent := obj[k]
		out = append(out, field{path: prefix + k, required: required(root, prefix+k, groups), unsent: !sent})
		if child, ok := obj[k].(map[string]any); ok {
			out = append(out, fieldsOf(root, child, propertySchemas(schemas, k), prefix+k+".", groups)...)
		}
	}
	return out
}

// memberNames is the sorted union of obj's members and the schemas' properties.
func memberNames(obj map[string]any, schemas []*openapi3.Schema) []string {
	var names []string
	for k := range obj {
		names = append(names, k)
	}
	for _, s := range schemas {
		for _, b := range branches(s) {
			for k := range b.Properties {
				names = append(names, k)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// branches is s with every schema reachable through allOf, anyOf and oneOf.
func branches(s *openapi3.Schema) []*openapi3.Schema {
	if s == nil {
		return nil
	}
	out := []*openapi3.Schema{s}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.AnyOf, s.OneOf} {
		for _, r := range group {
			if r != nil {
				out = append(out, branches(r.Value)...)
			}
		}
	}
	return out
}

// propertySchemas is the schema of member name in any branch of schemas.
func propertySchemas(schemas []*openapi3.Schema, name string) []*openapi3.Schema {
	var out []*openapi3.Schema
	for _, s := range schemas {
		for _, b := range branches(s) {
			if p := b.Properties[name]; p != nil && p.Value != nil {
				out = append(out, p.Value)
			}
		}
	}
	return out
}

// requirementsOf lists what the schemas require, each requirement a group
// of alternatives as full dotted paths: a `required` member is a group of
// one; an `x-provider-required` entry may name alternatives ("billId|billid",
// "otp|params.otp"), one of which is required.
func requirementsOf(schemas []*openapi3.Schema, prefix string) [][]string {
	var out [][]string
	for _, s := range schemas {
		for _, b := range branches(s) {
			for _, name := range b.Required {
				out = append(out, []string{prefix + name})
			}
			for _, entry := range providerRequired(b) {
				var alts []string
				for _, a := range strings.Split(entry, "|") {
					alts = append(alts, prefix+a)
				}
				out = append(out, alts)
			}
		}
	}
	return out
}

// required reports whether the member at path is required: it is (or
// holds) an alternative of a group whose other alternatives root lacks.
func required(root map[string]any, path string, groups [][]string) bool {
	for _, alts := range groups {
		for _, a := range alts {
			if a != path && !strings.HasPrefix(a, path+".") {
				continue
			}
			other := false
			for _, b := range alts {
				other = other || (b != a && present(root, b))
			}
			if !other {
				return true
			}
		}
	}
	return false
}

// providerRequired is a schema's x-provider-required list: the members the
// provider checks the presence of itself (so the contract does not mark
// them `required`, which would answer their absence with the validator's
// code rather than the provider's).
func providerRequired(s *openapi3.Schema) []string {
	raw, ok := s.Extensions["x-provider-required"].([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if name, ok := v.(string); ok {
			out = append(out, name)
		}
	}
	return out
}

// present reports whether the dotted path holds a non-null value in obj.
func present(obj map[string]any, path string) bool {
	head, rest, nested := strings.Cut(path, ".")
	v, ok := obj[head]
	if !ok || v == nil {
		return false
	}
	if !nested {
		return true
	}
	child, ok := v.(map[string]any)
	return ok && present(child, rest)
}

// withField returns a deep copy of obj with the dotted path set to v.
func withField(obj map[string]any, path string, v any) map[string]any {
	out := deepCopy(obj)
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		out[head] = v
		return out
	}
	out[head] = withField(out[head].(map[string]any), rest, v)
	return out
}

// without returns a deep copy of obj with the dotted path removed.
func without(obj map[string]any, path string) map[string]any {
	out := deepCopy(obj)
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		delete(out, head)
		return out
	}
	out[head] = without(out[head].(map[string]any), rest)
	return out
}

func deepCopy(obj map[string]any) map[string]any {
	b, _ := json.Marshal(obj)
	var out map[string]any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	_ = dec.Decode(&out)
	return out
}

// nsSeq names the fresh namespace of each run.
var nsSeq atomic.Int64

// run sends the recipe's setup calls and then body to the operation, in a
// fresh namespace, and returns the class of the last answer.
func (r recipe) run(t *testing.T, h http.Handler, body map[string]any) outcome {
	t.Helper()
	ns := fmt.Sprintf("null-%d", nsSeq.Add(1))
	var auth http.Header
	if r.op.ID != "login" && r.op.ID != "refresh-token" {
		auth = authHeaders(t, h, r.provider, ns)
	}
	vars := map[string]string{}
	for _, st := range r.setup {
		status, answer := send(t, h, ns, r.provider, st.path, auth, []byte(expand(t, h, ns, st.body, vars)))
		if status != http.StatusOK {
			t.Fatalf("setup %s: HTTP %d %s", st.path, status, answer)
		}
		for name, path := range st.capture {
			v, ok := lookup(answer, path)
			if !ok {
				t.Fatalf("setup %s: no %s in %s", st.path, path, answer)
			}
			vars[name] = v
		}
	}
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	status, answer := send(t, h, ns, r.provider, r.op.Path, auth, []byte(expand(t, h, ns, string(raw), vars)))
	return outcomeOf(status, answer)
}

func send(t *testing.T, h http.Handler, ns, provider, path string, auth http.Header, body []byte) (int, []byte) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/ns/"+ns+"/"+provider+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range auth {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}

// lookup reads a dotted path (array indexes as numbers) of a JSON answer as text.
func lookup(answer []byte, path string) (string, bool) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(answer))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return "", false
	}
	for _, part := range strings.Split(path, ".") {
		switch node := v.(type) {
		case map[string]any:
			v = node[part]
		case []any:
			i := 0
			if _, err := fmt.Sscan(part, &i); err != nil || i >= len(node) {
				return "", false
			}
			v = node[i]
		default:
			return "", false
		}
	}
	if v == nil {
		return "", false
	}
	return fmt.Sprint(v), true
}

// expand fills {{name}} from vars and {{sms}} with the newest SMS code of
// the default scenario's magic phone.
func expand(t *testing.T, h http.Handler, ns, text string, vars map[string]string) string {
	t.Helper()
	for name, v := range vars {
		text = strings.ReplaceAll(text, `"{{#`+name+`}}"`, v)
		text = strings.ReplaceAll(text, "{{"+name+"}}", v)
	}
	if strings.Contains(text, "{{sms}}") {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/ns/"+ns+"/__admin/sms?phone=998901234567", nil))
		code, ok := lookup(rec.Body.Bytes(), "messages.0.code")
		if !ok {
			t.Fatalf("no SMS code: %s", rec.Body)
		}
		text = strings.ReplaceAll(text, "{{sms}}", code)
	}
	return text
}
