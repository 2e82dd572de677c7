package contracts

// Request and response validation: the fast path and kin-openapi's.
import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

var requestOptions = &openapi3filter.Options{
	AuthenticationFunc:  openapi3filter.NoopAuthenticationFunc, // each adapter checks auth itself, in its provider's envelope
	SkipSettingDefaults: true,
}

var responseOptions = &openapi3filter.Options{
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	IncludeResponseStatus: true,
}

// ValidateRequest checks r (whose body the caller has already read into
// body) against the operation. pathParams are the route's variables.
// A missing Content-Type is read as JSON: real clients omit it.
//
// Most operations take the fast path: the body is decoded once and walked
// by the same kin-openapi schema validator openapi3filter would call,
// without its per-request copying of the request (PERFORMANCE.md). A test
// keeps both paths in agreement on every operation.
func (o *Operation) ValidateRequest(r *http.Request, body []byte, pathParams map[string]string) error {
	if o.fast {
		return o.validateFast(r, body)
	}
	return o.validateFull(r, body, pathParams)
}

// ValidateDecoded is ValidateRequest for an adapter that has already
// decoded body into v (encoding/json with UseNumber, as kin-openapi does):
// the body is not decoded a second time.
func (o *Operation) ValidateDecoded(r *http.Request, body []byte, v any, pathParams map[string]string) error {
	if !o.fast || len(body) == 0 || o.bodySchema == nil {
		return o.ValidateRequest(r, body, pathParams)
	}
	if err := o.checkParams(r); err != nil {
		return err
	}
	return visit(o.bodyNode, o.bodySchema, v, openapi3.VisitAsRequest(), "request body has an error: doesn't match schema")
}

// visit validates v against s. With n, s's compiled validator (compiled.go),
// a value n accepts is valid; one it rejects is walked again by kin-openapi
// to say why (errors are rare, and their messages stay kin's). Without n it
// first walks with kin's FailFast, which skips building error messages
// (costly in oneOf/anyOf branches that are tried and rejected on every valid
// request too); only a value that fails is walked again to say why. Tests
// (and a fuzz test) keep the walks in agreement.
func visit(n *node, s *openapi3.Schema, v any, mode openapi3.SchemaValidationOption, what string) error {
	if n != nil {
		if n.ok(v) {
			return nil
		}
		// The message is the one the kin walk below gives: on the sole
		// branch an envelope's required properties select, when there is one.
		if err := soleBranch(s, v).VisitJSON(v, mode); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil // the compiled walk was stricter (a Go type it does not know); trust kin
	}
	s = soleBranch(s, v)
	if s.VisitJSON(v, mode, openapi3.FailFast()) == nil {
		return nil
	}
	if err := s.VisitJSON(v, mode); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil // the fast walk was stricter; trust the full one
}

// soleBranch narrows a schema that is nothing but a oneOf (or anyOf) to the
// one branch whose required properties the object v has, when there is
// exactly one: every other branch fails on a missing required property, so
// "exactly one branch matches" (or "some branch matches") holds iff that
// branch matches. Envelopes are written this way (success | error), and
// kin-openapi otherwise walks, copies and rejects every other branch on
// every request.
func soleBranch(s *openapi3.Schema, v any) *openapi3.Schema {
	obj, ok := v.(map[string]any)
	if !ok {
		return s
	}
	branches := s.OneOf
	if len(branches) == 0 {
		branches = s.AnyOf
	}
	if len(branches) < 2 || !onlyBranches(s) {
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

// onlyBranches reports a schema with nothing to check but one of oneOf or anyOf.
func onlyBranches(s *openapi3.Schema) bool {
	return (len(s.OneOf) == 0) != (len(s.AnyOf) == 0) && len(s.AllOf) == 0 && s.Not == nil &&
		s.Type == nil && !s.Nullable && len(s.Enum) == 0 && len(s.Properties) == 0 && len(s.Required) == 0 &&
		s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil && s.Items == nil &&
		s.Discriminator == nil && s.Format == "" && s.Pattern == ""
}

func (o *Operation) validateFull(r *http.Request, body []byte, pathParams map[string]string) error {
	_, err := o.requestInput(r, body, pathParams, true)
	return err
}

func (o *Operation) requestInput(r *http.Request, body []byte, pathParams map[string]string, validate bool) (*openapi3filter.RequestValidationInput, error) {
	req := r.Clone(r.Context())
	if len(body) > 0 && !strings.Contains(req.Header.Get("Content-Type"), "json") {
		req.Header.Set("Content-Type", "application/json")
	}
	if len(body) > 0 && o.route.Operation.RequestBody == nil {
		body = nil // a body the operation does not take (GET) is ignored, as servers do
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.ContentLength = int64(len(body))
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: o.route, Options: requestOptions}
	if !validate {
		return in, nil
	}
	return in, openapi3filter.ValidateRequest(r.Context(), in)
}

// ValidateResponse checks a response the fake is about to send (-strict).
// Like requests, responses without declared headers take a fast path that
// calls the same schema walk openapi3filter does (kept equal by a test).
func (o *Operation) ValidateResponse(r *http.Request, pathParams map[string]string, status int, header http.Header, body []byte) error {
	if err, done := o.validateResponseFast(status, header, body); done {
		return err
	}
	return o.validateResponseFull(r, pathParams, status, header, body)
}

func (o *Operation) validateResponseFast(status int, header http.Header, body []byte) (err error, done bool) {
	responses := o.route.Operation.Responses
	if responses.Len() == 0 {
		return nil, false
	}
	ref := responses.Status(status)
	if ref == nil {
		ref = responses.Default()
	}
	if ref == nil || ref.Value == nil || len(ref.Value.Headers) > 0 {
		return nil, false // the full path words these cases
	}
	content := ref.Value.Content
	if len(content) == 0 {
		return nil, true
	}
	mt := content.Get(header.Get("Content-Type"))
	if mt == nil || !strings.Contains(header.Get("Content-Type"), "json") {
		return nil, false
	}
	if mt.Schema == nil {
		return nil, true
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("response body: failed to decode: %w", err), true
	}
	return visit(o.responseNodes()[mt.Schema.Value], mt.Schema.Value, v, openapi3.VisitAsResponse(), "response body doesn't match schema"), true
}

func (o *Operation) validateResponseFull(r *http.Request, pathParams map[string]string, status int, header http.Header, body []byte) error {
	in, _ := o.requestInput(r, nil, pathParams, false)
	return openapi3filter.ValidateResponse(r.Context(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                responseOptions,
	})
}

// prepareFastPath decides whether the operation can be validated without
// openapi3filter: its parameters, if any, are plain strings (only presence
// to check) and its body, if any, is JSON.
func (o *Operation) prepareFastPath() {
	op := o.route.Operation
	params := append(openapi3.Parameters{}, o.route.PathItem.Parameters...)
	params = append(params, op.Parameters...)
	for _, pr := range params {
		p := pr.Value
		if p == nil || p.Schema == nil || p.Schema.Value == nil || p.Content != nil {
			return
		}
		sc := p.Schema.Value
		plain := sc.Type != nil && sc.Type.Is("string") && len(sc.Enum) == 0 && sc.Pattern == "" &&
			sc.MinLength == 0 && sc.MaxLength == nil && sc.Format == "" && len(sc.OneOf)+len(sc.AnyOf)+len(sc.AllOf) == 0 && sc.Not == nil
		if !plain || (p.In != openapi3.ParameterInHeader && p.In != openapi3.ParameterInPath && p.In != openapi3.ParameterInQuery) {
			return
		}
		if p.Required && p.In != openapi3.ParameterInPath { // path params are there by routing
			o.required = append(o.required, p)
		}
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		mt := rb.Value.Content.Get("application/json")
		if mt == nil || len(rb.Value.Content) != 1 {
			return
		}
		if mt.Schema != nil {
			o.bodySchema = mt.Schema.Value
		}
		o.bodyRequired = rb.Value.Required
	}
	o.fast = true
}

// compileRequest compiles the request body schema, at load; one that does
// not compile keeps kin's walk.
func (o *Operation) compileRequest() {
	if o.bodySchema == nil {
		return
	}
	o.schemas.mu.Lock()
	defer o.schemas.mu.Unlock()
	if n, err := o.schemas.c.compile(o.bodySchema); err == nil {
		o.bodyNode = n
	}
}

// responseNodes are the compiled validators of every response media type's
// schema (one that does not compile has none and keeps kin's walk). Only
// -strict and tests validate responses, so they are compiled on the first
// such validation, not at every start (issue 15).
func (o *Operation) responseNodes() map[*openapi3.Schema]*node {
	o.respOnce.Do(o.compileResponses)
	return o.respNodes
}

func (o *Operation) compileResponses() {
	responses := o.route.Operation.Responses
	if responses == nil {
		return
	}
	o.schemas.mu.Lock()
	defer o.schemas.mu.Unlock()
	for _, ref := range responses.Map() {
		if ref == nil || ref.Value == nil {
			continue
		}
		for _, mt := range ref.Value.Content {
			if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
				continue
			}
			s := mt.Schema.Value
			if _, done := o.respNodes[s]; done {
				continue
			}
			n, err := o.schemas.c.compile(s)
			if err != nil {
				continue
			}
			if o.respNodes == nil {
				o.respNodes = map[*openapi3.Schema]*node{}
			}
			o.respNodes[s] = n
		}
	}
}

var errBodyRequired = errors.New("request body has an error: value is required but missing")

func (o *Operation) validateFast(r *http.Request, body []byte) error {
	if err := o.checkParams(r); err != nil {
		return err
	}
	if o.route.Operation.RequestBody == nil {
		return nil
	}
	if len(body) == 0 {
		if o.bodyRequired {
			return errBodyRequired
		}
		return nil
	}
	if o.bodySchema == nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("request body has an error: failed to decode request body: %w", err)
	}
	return visit(o.bodyNode, o.bodySchema, v, openapi3.VisitAsRequest(), "request body has an error: doesn't match schema")
}

// checkParams checks the required plain-string parameters are present.
func (o *Operation) checkParams(r *http.Request) error {
	for _, p := range o.required {
		var present bool
		switch p.In {
		case openapi3.ParameterInHeader:
			present = r.Header.Get(p.Name) != ""
		case openapi3.ParameterInQuery:
			present = r.URL.Query().Has(p.Name)
		}
		if !present {
			return fmt.Errorf("parameter %q in %s has an error: value is required but missing", p.Name, p.In)
		}
	}
	return nil
}
