package contracts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// corpus returns request bodies that probe an operation's schema: its
// examples, each property removed, set to null and to every JSON type,
// plus bodies that are not objects.
func corpus(o *Operation) [][]byte {
	out := [][]byte{nil, []byte(`{}`), []byte(`[]`), []byte(`null`), []byte(`"x"`), []byte(`1`), []byte(`{"x":1}`)}
	rb := o.route.Operation.RequestBody
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
		for k := range props {
			m := clone(ex)
			delete(m, k)
			b, _ := json.Marshal(m)
			out = append(out, b)
			for _, v := range values {
				m := clone(ex)
				m[k] = v
				b, _ := json.Marshal(m)
				out = append(out, b)
			}
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

// The fast path must accept and reject exactly what openapi3filter does,
// on every operation of every contract.
func TestFastPathAgreesWithOpenapi3filter(t *testing.T) {
	fast, checked := 0, 0
	for _, name := range Providers {
		c := MustLoad(name)
		for _, o := range c.Operations() {
			if !o.fast {
				continue
			}
			fast++
			path := strings.NewReplacer("{orderId}", "O-1", "{serviceId}", "34").Replace(o.Path)
			for i, body := range corpus(o) {
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
					gotErr := o.validateFast(r, body)
					wantErr := o.validateFull(r, body, params)
					checked++
					if (gotErr == nil) != (wantErr == nil) {
						t.Errorf("%s %s body %s headers=%v: fast=%v full=%v", name, o.ID, body, withHeaders, gotErr, wantErr)
					}
					dec := json.NewDecoder(bytes.NewReader(body))
					dec.UseNumber()
					var v any
					if len(body) > 0 && dec.Decode(&v) == nil {
						if got := o.ValidateDecoded(r, body, v, params); (got == nil) != (wantErr == nil) {
							t.Errorf("%s %s body %s: decoded=%v full=%v", name, o.ID, body, got, wantErr)
						}
					}
				}
			}
		}
	}
	if fast == 0 {
		t.Fatal("no operation takes the fast path")
	}
	t.Logf("%d operations on the fast path, %d requests compared", fast, checked)
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

// Responses: the fast path agrees with openapi3filter.ValidateResponse on
// every documented response example of every operation, and on mutations
// of them (each property dropped or retyped), for every documented status.
func TestFastResponsePathAgrees(t *testing.T) {
	checked := 0
	values := []any{nil, true, 0, 1.5, "", "x", []any{}, map[string]any{}}
	values = append(values, edgeValues...)
	for _, name := range Providers {
		c := MustLoad(name)
		for _, o := range c.Operations() {
			for code, ref := range o.route.Operation.Responses.Map() {
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
				var bodies []any
				if mt.Example != nil {
					bodies = append(bodies, mt.Example)
				}
				for _, ex := range mt.Examples {
					if ex.Value != nil {
						bodies = append(bodies, ex.Value.Value)
					}
				}
				bodies = append(bodies, map[string]any{}, []any{}, "x")
				var all [][]byte
				for _, b := range bodies {
					raw, _ := json.Marshal(b)
					all = append(all, raw)
					for _, m := range mutations(normalize(b), nestedEdgeValues) {
						raw, _ := json.Marshal(m)
						all = append(all, raw)
					}
					if m, ok := b.(map[string]any); ok {
						for k := range m {
							mm := clone(m)
							delete(mm, k)
							raw, _ := json.Marshal(mm)
							all = append(all, raw)
							for _, v := range values {
								mm := clone(m)
								mm[k] = v
								raw, _ := json.Marshal(mm)
								all = append(all, raw)
							}
						}
					}
				}
				h := http.Header{"Content-Type": []string{"application/json; charset=utf-8"}}
				for i, raw := range all {
					if !sampled(i) {
						continue
					}
					r := httptest.NewRequest(o.Method, "/x", nil)
					fast, done := o.validateResponseFast(status, h, raw)
					if !done {
						continue
					}
					full := o.validateResponseFull(r, nil, status, h, raw)
					checked++
					if (fast == nil) != (full == nil) {
						t.Errorf("%s %s %d body %s: fast=%v full=%v", name, o.ID, status, raw, fast, full)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d responses compared", checked)
	}
	t.Logf("%d responses compared", checked)
}
