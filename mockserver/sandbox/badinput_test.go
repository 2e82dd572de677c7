package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/contracts/spec"
)

// authHeaders returns the good credentials of provider in namespace ns.
func authHeaders(t testing.TB, h http.Handler, provider, ns string) http.Header {
	t.Helper()
	hd := http.Header{}
	switch provider {
	case "anorbank":
		req := httptest.NewRequest("POST", "/ns/"+ns+"/anorbank/api/ext/user/login", strings.NewReader(`{"username":"sandbox","password":"sandbox"}`))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var out struct {
			Result struct {
				AccessToken string `json:"access_token"`
			} `json:"result"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Result.AccessToken == "" {
			t.Fatalf("anorbank login: %s", rec.Body)
		}
		hd.Set("Authorization", "Bearer "+out.Result.AccessToken)
	case "aloqa", "paysys":
		hd.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("sandbox:sandbox")))
	case "requisites":
		hd.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("gray:p@ssw0rd")))
	}
	return hd
}

type badCase struct {
	name   string
	method string
	body   []byte
	auth   bool
}

// badCases derives the bad inputs of one operation from its contract:
// malformed JSON, not an object, over 1 MiB, each property with a wrong
// JSON type, each required property missing, no credentials.
func badCases(op *contracts.Operation, schema *openapi3.Schema, example map[string]any) []badCase {
	cases := []badCase{{name: "no credentials", method: op.Method, body: mustJSON(example), auth: false}}
	if op.Method == http.MethodGet {
		return cases
	}
	cases = append(cases,
		badCase{"malformed JSON", op.Method, []byte(`{"a": `), true},
		badCase{"not an object", op.Method, []byte(`[1, 2]`), true},
		badCase{"empty body", op.Method, nil, true},
		badCase{"over 1 MiB", op.Method, append(append([]byte(`{"x":"`), bytes.Repeat([]byte("9"), 1<<20)...), `"}`...), true},
	)
	if schema == nil {
		return cases
	}
	props := make([]string, 0, len(schema.Properties))
	for name := range schema.Properties {
		props = append(props, name)
	}
	slices.Sort(props)
	for _, name := range props {
		wrong := wrongValue(schema.Properties[name].Value)
		b := clone(example)
		b[name] = wrong
		cases = append(cases, badCase{fmt.Sprintf("%s has the wrong type", name), op.Method, mustJSON(b), true})
	}
	for _, name := range schema.Required {
		b := clone(example)
		delete(b, name)
		cases = append(cases, badCase{fmt.Sprintf("%s missing", name), op.Method, mustJSON(b), true})
	}
	return cases
}

// wrongValue is a JSON value no schema branch of s accepts (an object where
// a scalar is wanted, a string where an object or array is wanted).
func wrongValue(s *openapi3.Schema) any {
	if s == nil {
		return map[string]any{"wrong": true}
	}
	if s.Type != nil && (s.Type.Is("object") || s.Type.Is("array")) {
		return true
	}
	return map[string]any{"wrong": true}
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// requestShape returns the JSON request schema of op and a valid example body.
func requestShape(op *contracts.Operation, c *contracts.Contract) (*openapi3.Schema, map[string]any) {
	o := spec.Operation(spec.MustLoad(c.Name), op)
	if o == nil || o.RequestBody == nil || o.RequestBody.Value == nil {
		return nil, map[string]any{}
	}
	mt := o.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil {
		return nil, map[string]any{}
	}
	example := map[string]any{}
	if m, ok := mt.Example.(map[string]any); ok {
		example = m
	} else {
		for _, ex := range mt.Examples {
			if ex.Value != nil {
				if m, ok := ex.Value.Value.(map[string]any); ok {
					example = m
					break
				}
			}
		}
	}
	return mt.Schema.Value, example
}

func snapshot(t *testing.T, h http.Handler, ns, provider string) string {
	t.Helper()
	var out []string
	for _, p := range []string{"cards", provider} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/ns/"+ns+"/__admin/state/"+p, nil))
		out = append(out, rec.Body.String())
	}
	return strings.Join(out, "\n")
}

// TestBadInputMatrix sends every operation of every mounted provider the bad
// inputs its contract implies and checks that each answer is the
// provider's documented envelope (valid against the contract), never a 500
// or a Go error string, and that no state changed.
func TestBadInputMatrix(t *testing.T) {
	s := newServer(t, Options{})
	for _, p := range s.providers {
		c := contracts.MustLoad(p.name)
		ns := "bad-" + p.name
		auth := authHeaders(t, s, p.name, ns)
		before := snapshot(t, s, ns, p.name)
		for _, op := range c.Operations() {
			schema, example := requestShape(op, c)
			cases := badCases(op, schema, example)
			cases = append(cases, badCase{"wrong method", http.MethodPut, []byte(`{}`), true})
			for _, bc := range cases {
				t.Run(p.name+"/"+op.ID+"/"+bc.name, func(t *testing.T) {
					path := strings.NewReplacer("{orderId}", "ORDER-1", "{serviceId}", "34").Replace(op.Path)
					req := httptest.NewRequest(bc.method, "/ns/"+ns+"/"+p.name+path, bytes.NewReader(bc.body))
					req.Header.Set("Content-Type", "application/json")
					if bc.auth {
						for k, v := range auth {
							req.Header[k] = v
						}
					}
					rec := httptest.NewRecorder()
					s.ServeHTTP(rec, req)
					body := rec.Body.Bytes()
					if rec.Code >= 500 {
						t.Errorf("HTTP %d: %s", rec.Code, body)
					}
					if !json.Valid(body) || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
						t.Fatalf("not a JSON envelope (%s): %.300s", rec.Header().Get("Content-Type"), body)
					}
					if bc.method == op.Method {
						probe := httptest.NewRequest(op.Method, path, nil)
						if err := op.ValidateResponse(probe, map[string]string{"orderId": "ORDER-1", "serviceId": "34"}, rec.Code, rec.Header(), body); err != nil {
							t.Errorf("answer off-contract: %v\n%.400s", err, body)
						}
					}
					if lower := strings.ToLower(string(body)); strings.Contains(lower, "json: ") || strings.Contains(lower, "unexpected end of json") || strings.Contains(lower, "openapi") {
						t.Errorf("a Go or validator error leaked: %.300s", body)
					}
				})
			}
		}
		if after := snapshot(t, s, ns, p.name); after != before {
			t.Errorf("%s: bad input changed the state:\nbefore %s\nafter  %s", p.name, before, after)
		}
	}
}
