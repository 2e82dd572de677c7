package contracts

// The reference: kin-openapi's reading of the documents and its validation
// (openapi3filter, VisitJSON, and the previous kin-based Explain), which the
// compiled operations must agree with, word for word. Tests only: the
// server binary does not link kin-openapi.
import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

var (
	kinDocsMu sync.Mutex
	kinDocs   = map[string]*openapi3.T{}
)

// kinDoc is kin-openapi's reading of contract name's YAML, once per test
// process.
func kinDoc(tb testing.TB, name string) *openapi3.T {
	tb.Helper()
	kinDocsMu.Lock()
	defer kinDocsMu.Unlock()
	if d, ok := kinDocs[name]; ok {
		return d
	}
	data, err := Source(name)
	if err != nil {
		tb.Fatal(err)
	}
	d, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		tb.Fatalf("%s.yaml: %v", name, err)
	}
	kinDocs[name] = d
	return d
}

// kinRoute is the document's route of o.
func kinRoute(tb testing.TB, name string, o *Operation) *routers.Route {
	doc := kinDoc(tb, name)
	item := doc.Paths.Value(o.Path)
	if item == nil || item.GetOperation(o.Method) == nil {
		tb.Fatalf("%s: %s %s not in the document", name, o.Method, o.Path)
	}
	return &routers.Route{Spec: doc, Path: o.Path, PathItem: item, Method: o.Method, Operation: item.GetOperation(o.Method)}
}

// kinValidateRequest is openapi3filter.ValidateRequest on r with body, as
// the previous code called it.
func kinValidateRequest(route *routers.Route, r *http.Request, body []byte, pathParams map[string]string) error {
	req := r.Clone(r.Context())
	if len(body) > 0 && !strings.Contains(req.Header.Get("Content-Type"), "json") {
		req.Header.Set("Content-Type", "application/json")
	}
	if len(body) > 0 && route.Operation.RequestBody == nil {
		body = nil
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route, Options: &openapi3filter.Options{
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, SkipSettingDefaults: true,
	}}
	return openapi3filter.ValidateRequest(context.Background(), in)
}

// kinValidateResponse is openapi3filter.ValidateResponse as the previous
// code called it.
func kinValidateResponse(route *routers.Route, status int, header http.Header, body []byte) error {
	req, _ := http.NewRequest(route.Method, "http://x/", nil)
	in := &openapi3filter.RequestValidationInput{Request: req, Route: route, Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: status, Header: header, Body: io.NopCloser(bytes.NewReader(body)),
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, IncludeResponseStatus: true},
	})
}

// kinVisit is the previous schema walk: kin's VisitJSON on the sole branch
// an envelope's required properties select, explained as before.
func kinVisit(s *openapi3.Schema, v any, mode openapi3.SchemaValidationOption) error {
	return kinExplain(kinSoleBranch(s, v).VisitJSON(v, mode))
}

func kinSoleBranch(s *openapi3.Schema, v any) *openapi3.Schema {
	obj, ok := v.(map[string]any)
	if !ok {
		return s
	}
	branches := s.OneOf
	if len(branches) == 0 {
		branches = s.AnyOf
	}
	only := (len(s.OneOf) == 0) != (len(s.AnyOf) == 0) && len(s.AllOf) == 0 && s.Not == nil &&
		s.Type == nil && !s.Nullable && len(s.Enum) == 0 && len(s.Properties) == 0 && len(s.Required) == 0 &&
		s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil && s.Items == nil &&
		s.Discriminator == nil && s.Format == "" && s.Pattern == ""
	if len(branches) < 2 || !only {
		return s
	}
	var sole *openapi3.Schema
	for _, b := range branches {
		if b.Value == nil || len(b.Value.Required) == 0 {
			return s
		}
		has := true
		for _, k := range b.Value.Required {
			if _, ok := obj[k]; !ok {
				has = false
				break
			}
		}
		if has {
			if sole != nil {
				return s
			}
			sole = b.Value
		}
	}
	if sole == nil {
		return s
	}
	return sole
}

// kinExplain is Explain on kin-openapi's SchemaError: for a value that
// matches no branch of an anyOf/oneOf, the branch that got furthest, its
// path continuing the failing branch's (the previous Explain dropped it,
// pointing at /error for a response whose /result was wrong).
func kinExplain(err error) error {
	var se *openapi3.SchemaError
	if err == nil || !errors.As(err, &se) {
		return err
	}
	prefix := kinPointer(se.JSONPointer())
	if branch := kinDeepestBranch(se); branch != nil {
		return &Finding{Pointer: prefix + kinPointer(branch.path), Reason: kinReason(branch.se)}
	}
	return &Finding{Pointer: prefix, Reason: kinReason(se)}
}

// kinBranch is a branch's error with its path below the value the
// branches were tried on.
type kinBranch struct {
	path []string
	se   *openapi3.SchemaError
}

func kinDeepestBranch(se *openapi3.SchemaError) *kinBranch {
	if se.Schema == nil || (se.SchemaField != "anyOf" && se.SchemaField != "oneOf") {
		return nil
	}
	branches := se.Schema.AnyOf
	if se.SchemaField == "oneOf" {
		branches = se.Schema.OneOf
	}
	var best *kinBranch
	for _, b := range branches {
		if b.Value == nil {
			continue
		}
		var be *openapi3.SchemaError
		if err := b.Value.VisitJSON(se.Value, openapi3.VisitAsRequest()); errors.As(err, &be) {
			f := &kinBranch{path: be.JSONPointer(), se: be}
			if inner := kinDeepestBranch(be); inner != nil {
				f = &kinBranch{path: append(slices.Clone(f.path), inner.path...), se: inner.se}
			}
			if best == nil || len(f.path) > len(best.path) {
				best = f
			}
		}
	}
	return best
}

func kinPointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return "/" + strings.Join(path, "/")
}

func kinReason(se *openapi3.SchemaError) string {
	if se.Reason != "" {
		return se.Reason
	}
	return `does not match the contract's "` + se.SchemaField + `"`
}
