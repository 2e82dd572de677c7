package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

// corpus returns request bodies that probe an operation's schema: its
// examples, each property removed, set to null and to every JSON type,
// plus bodies that are not objects.
func corpus(route *routers.Route) [][]byte {
	out := [][]byte{nil, []byte(`{}`), []byte(`[]`), []byte(`null`), []byte(`"x"`), []byte(`1`), []byte(`{"x":1}`), []byte(`{"a":`), []byte(`{"a":1}x`)}
	rb := route.Operation.RequestBody
	if rb == nil || rb.Value == nil {
		return out
	}
	mt := rb.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return out
	}
	var examples []map[string]any
	if m, ok := mt.Example.(map[string]any); ok {
		examples = append(examples, m)
	}
	for _, ex := range mt.Examples {
		if ex.Value != nil {
			if m, ok := ex.Value.Value.(map[string]any); ok {
				examples = append(examples, m)
			}
		}
	}
	if len(examples) == 0 {
		examples = append(examples, map[string]any{})
	}
	values := []any{nil, true, 0, -1, 1.5, 12345678901234567, "", "x", "100", "0727", "8600000000000001", []any{}, []any{1}, map[string]any{}, map[string]any{"a": "b"}}
	values = append(values, edgeValues...)
	for _, ex := range examples {
		b, _ := json.Marshal(ex)
		out = append(out, b)
		// nested positions too (params.pan, items of arrays, ...)
		for _, m := range mutations(normalize(ex), nestedEdgeValues) {
			b, _ := json.Marshal(m)
			out = append(out, b)
		}
		props := map[string]bool{}
		for k := range ex {
			props[k] = true
		}
		for k := range mt.Schema.Value.Properties {
			props[k] = true
		}
		out = append(out, memberMutations(ex, slices.Sorted(maps.Keys(props)), values)...)
	}
	return out
}

// memberMutations are m with each of keys removed, and set to each value.
func memberMutations(m map[string]any, keys []string, values []any) [][]byte {
	var out [][]byte
	for _, k := range keys {
		mm := clone(m)
		delete(mm, k)
		raw, _ := json.Marshal(mm)
		out = append(out, raw)
		for _, v := range values {
			mm := clone(m)
			mm[k] = v
			raw, _ := json.Marshal(mm)
			out = append(out, raw)
		}
	}
	return out
}

// edgeValues probe the compiled validator's branches: number spellings
// (fractions, exponents, huge and out-of-int64 integers, out of float64
// range), null, enum members, pattern and format edges.
var edgeValues = []any{
	num("1.0"), num("1e2"), num("2.5E1"), num("-0"), num("1e-2"), num("1e400"),
	num("12345678901234567890"), num("9223372036854775807"), num("9223372036854775808"), num("-9223372036854775809"),
	num("860"), num("401"), "860000******0001", "998901234567", "0013", "1327", "100.50", "abc\n", "é",
	"2026-11-23T19:00:00Z", "2026-02-30T00:00:00Z", "UZCARD", "HUMO", "CHECK_OK", "bearer", []any{nil}, []any{"x"},
}

// nestedEdgeValues are the fewer values put at every nested position.
var nestedEdgeValues = []any{nil, true, num("1"), num("1.5"), num("1e2"), num("1e400"), num("12345678901234567890"), "", "x", "100", "0727", []any{}, map[string]any{}}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Requests: the compiled operations accept and reject exactly what
// openapi3filter does, on every operation of every contract; a rejected
// body gets the finding the previous kin-openapi path gave, and any other
// error openapi3filter's words.
func TestRequestsAgreeWithOpenapi3filter(t *testing.T) {
	ops, checked, findings := 0, 0, 0
	for _, name := range Providers {
		for _, o := range MustLoad(name).Operations() {
			ops++
			route := kinRoute(t, name, o)
			path := strings.NewReplacer("{orderId}", "O-1", "{serviceId}", "34").Replace(o.Path)
			for i, body := range corpus(route) {
				if !sampled(i) {
					continue
				}
				for _, withHeaders := range []bool{true, false} {
					r := httptest.NewRequest(o.Method, path, bytes.NewReader(body))
					if withHeaders {
						r.Header.Set("lang", "ru")
						r.Header.Set("app-name", "x")
						r.Header.Set("Authorization", "Basic eDp4")
					}
					params := map[string]string{"orderId": "O-1", "serviceId": "34"}
					got := Explain(o.ValidateRequest(r, body, params))
					want := kinValidateRequest(route, r, body, params)
					checked++
					if (got == nil) != (want == nil) {
						t.Errorf("%s %s body %s headers=%v: compiled=%v kin=%v", name, o.ID, body, withHeaders, got, want)
						continue
					}
					v, decoded := decodes(body)
					decoded = decoded && len(body) > 0
					if f, ok := got.(*Finding); ok {
						findings++
						s := route.Operation.RequestBody.Value.Content.Get("application/json").Schema.Value
						if prev := kinVisit(s, v, openapi3.VisitAsRequest()); prev == nil || f.Error() != prev.Error() {
							t.Errorf("%s %s body %s: compiled says %q, kin %q", name, o.ID, body, f, prev)
						}
					} else if got != nil && decoded && got.Error() != want.Error() {
						t.Errorf("%s %s body %s: compiled says %q, openapi3filter %q", name, o.ID, body, got, want)
					}
					if decoded {
						if d := Explain(o.ValidateDecoded(r, body, v, params)); (d == nil) != (got == nil) || (d != nil && d.Error() != got.Error()) {
							t.Errorf("%s %s body %s: decoded=%v, from bytes=%v", name, o.ID, body, d, got)
						}
					}
				}
			}
		}
	}
	if checked < atLeast(5000) || findings < atLeast(500) {
		t.Fatalf("only %d requests compared (%d findings)", checked, findings)
	}
	t.Logf("%d operations, %d requests compared, %d schema findings word for word", ops, checked, findings)
}

func ExampleOperation_ValidateRequest() {
	op, _ := MustLoad("anorbank").Operation("login")
	r := httptest.NewRequest("POST", "/api/ext/user/login", nil)
	fmt.Println(op.ValidateRequest(r, []byte(`{"username":"sandbox","password":"sandbox"}`), nil) == nil)
	fmt.Println(op.ValidateRequest(r, []byte(`{"username":1,"password":"sandbox"}`), nil) == nil)
	// Output:
	// true
	// false
}

// Responses: ValidateResponse agrees with openapi3filter.ValidateResponse
// on every documented response example of every operation, and on
// mutations of them (each property dropped or retyped), for every
// documented status and an undocumented one, with and without the
// documented headers and under other Content-Types; a body that does not
// match gets the finding the previous kin-openapi path gave.
func TestResponsesAgreeWithOpenapi3filter(t *testing.T) {
	checked := 0
	values := []any{nil, true, 0, 1.5, "", "x", []any{}, map[string]any{}}
	values = append(values, edgeValues...)
	for _, name := range Providers {
		for _, o := range MustLoad(name).Operations() {
			route := kinRoute(t, name, o)
			for code, ref := range route.Operation.Responses.Map() {
				status := 200
				if code != "default" {
					fmt.Sscanf(code, "%d", &status)
				} else {
					status = 599
				}
				mt := ref.Value.Content.Get("application/json")
				if mt == nil {
					continue
				}
				for i, raw := range responseBodies(mt, values) {
					if i > 3 && (!sampled(i) || i%2 != 0) { // a sample: kin's walk is slow under -race; the examples always
						continue
					}
					for _, h := range responseHeaders(i) {
						got := o.ValidateResponse(httptest.NewRequest(o.Method, "/x", nil), nil, status, h, raw)
						want := kinValidateResponse(route, status, h, raw)
						checked++
						if (got == nil) != (want == nil) {
							t.Errorf("%s %s %d %v body %s: compiled=%v kin=%v", name, o.ID, status, h, raw, got, want)
						}
					}
				}
				// the schema's finding, word for word
				for i, raw := range responseBodies(mt, values) {
					if i%10 != 0 || !sampled(i/10) {
						continue
					}
					v, ok := decodes(raw)
					if !ok {
						continue // the first loop compared decoding failures
					}
					got := o.ValidateResponse(nil, nil, status, responseHeaders(0)[0], raw)
					prev := kinVisit(mt.Schema.Value, v, openapi3.VisitAsResponse())
					if prev == nil {
						continue
					}
					if wantText := "response body doesn't match schema: " + prev.Error(); got == nil || (got.Error() != wantText && !strings.HasPrefix(got.Error(), "response header")) {
						t.Errorf("%s %s %d body %s: compiled says %v, kin %q", name, o.ID, status, raw, got, wantText)
					}
				}
			}
			for _, status := range []int{299, 418} { // possibly undocumented
				raw := []byte(`{}`)
				got := o.ValidateResponse(nil, nil, status, responseHeaders(0)[0], raw)
				want := kinValidateResponse(route, status, responseHeaders(0)[0], raw)
				if (got == nil) != (want == nil) || (got != nil && got.Error() != want.Error() && want.Error() == "status is not supported") {
					t.Errorf("%s %s %d: compiled=%v kin=%v", name, o.ID, status, got, want)
				}
			}
		}
	}
	if checked < atLeast(1000) {
		t.Fatalf("only %d responses compared", checked)
	}
	t.Logf("%d responses compared", checked)
}

// responseBodies are a response's documented examples and mutations of them.
func responseBodies(mt *openapi3.MediaType, values []any) [][]byte {
	var bodies []any
	if mt.Example != nil {
		bodies = append(bodies, mt.Example)
	}
	for _, k := range slices.Sorted(maps.Keys(mt.Examples)) {
		if ex := mt.Examples[k]; ex.Value != nil {
			bodies = append(bodies, ex.Value.Value)
		}
	}
	bodies = append(bodies, map[string]any{}, []any{}, "x")
	all := [][]byte{[]byte(`{"a":`)}
	for _, b := range bodies {
		raw, _ := json.Marshal(b)
		all = append(all, raw)
		for _, m := range mutations(normalize(b), nestedEdgeValues) {
			raw, _ := json.Marshal(m)
			all = append(all, raw)
		}
		if m, ok := b.(map[string]any); ok {
			all = append(all, memberMutations(m, slices.Sorted(maps.Keys(m)), values)...)
		}
	}
	return all
}

// responseHeaders: the JSON Content-Type with the Basic challenge, and, for
// a sample of bodies, without it, with a wrong one, and other Content-Types.
func responseHeaders(i int) []http.Header {
	ok := http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Www-Authenticate": {`Basic realm="sandbox"`}}
	if i > 3 && i%18 != 0 {
		return []http.Header{ok}
	}
	return []http.Header{ok,
		{"Content-Type": {"application/json"}},
		{"Content-Type": {"application/json"}, "Www-Authenticate": {`Bearer`}},
		{"Content-Type": {"application/json"}, "Www-Authenticate": {""}},
		{"Content-Type": {"text/plain"}, "Www-Authenticate": {`Basic realm="sandbox"`}},
		{"Www-Authenticate": {`Basic realm="sandbox"`}},
		{"Content-Type": {" Application/JSON ;charset=x"}, "Www-Authenticate": {`Basic realm="sandbox"`}},
		{"Content-Type": {"application/jsonx"}, "Www-Authenticate": {`Basic realm="sandbox"`}},
	}
}

// A status the operation does not list takes its class's response ("4XX")
// before default, as openapi3filter does; no document uses a class today.
func TestResponseStatusClass(t *testing.T) {
	strict := &schema.Node{Types: []string{"object"}, Obj: true, Required: []string{"code"}}
	o := &Operation{responses: map[string]*response{
		"200":     {content: true},
		"4XX":     {content: true, schema: strict},
		"default": {content: true},
	}}
	h := http.Header{"Content-Type": {"application/json"}}
	for status, wantErr := range map[int]bool{200: false, 404: true, 418: true, 500: false, 302: false} {
		if err := o.ValidateResponse(nil, nil, status, h, []byte(`{}`)); (err != nil) != wantErr {
			t.Errorf("status %d: %v, want an error: %v", status, err, wantErr)
		}
	}
	o.responses = map[string]*response{"200": {}}
	if err := o.ValidateResponse(nil, nil, 404, h, []byte(`{}`)); err == nil || err.Error() != "status is not supported" {
		t.Errorf("undocumented status: %v", err)
	}
}
