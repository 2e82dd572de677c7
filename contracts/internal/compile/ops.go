package compile

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

// Operation is what the server checks of one documented operation. Every
// operation of the documents has this shape; Operations refuses one that
// needs more (a parameter with a schema to check, a non-JSON body, response
// headers), so the server never meets a case it cannot validate.
type Operation struct {
	ID, Method, Path string
	Params           []Param // required header and query parameters: presence is checked
	HasBody          bool    // the operation takes a request body
	BodyRequired     bool
	OtherMedia       bool                 // the body may also be another media type (not checked)
	Body             *schema.Node         // nil: any JSON body
	Responses        map[string]*Response // by the document's key: "200", "4XX", "default"
	Methods          []string             // JSON-RPC methods the operation serves, sorted
}

// Param is a required parameter outside the path.
type Param struct{ Name, In string }

// Response is one documented response: its headers, and no content or
// JSON with a schema (nil: any JSON).
type Response struct {
	Headers []*Header // sorted by name
	Content bool
	Schema  *schema.Node
}

// Header is a documented response header whose value is a plain string
// (style simple), checked against Schema when present.
type Header struct {
	Name     string
	Required bool
	Schema   *schema.Node
}

func (c *Compiler) header(name string, ref *openapi3.HeaderRef) (*Header, error) {
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("header %q unresolved", name)
	}
	p := ref.Value.Parameter
	if p.Content != nil || (p.Style != "" && p.Style != openapi3.SerializationSimple) {
		return nil, fmt.Errorf("header %q: only simple style with a schema is supported", name)
	}
	h := &Header{Name: name, Required: p.Required}
	if p.Schema != nil {
		if p.Schema.Value == nil || p.Schema.Value.Type == nil || !p.Schema.Value.Type.Is("string") {
			return nil, fmt.Errorf("header %q: only string schemas are supported", name)
		}
		n, err := c.ref(p.Schema)
		if err != nil {
			return nil, fmt.Errorf("header %q: %w", name, err)
		}
		h.Schema = n
	}
	return h, nil
}

// Operations compiles every operation of doc, sorted by operationId, with
// one Compiler (shared schemas compile once).
func Operations(name string, doc *openapi3.T) ([]*Operation, error) {
	c := New()
	var out []*Operation
	seen := map[string]bool{}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			if op.OperationID == "" || seen[op.OperationID] {
				return nil, fmt.Errorf("%s.yaml: %s %s: missing or duplicate operationId %q", name, method, path, op.OperationID)
			}
			seen[op.OperationID] = true
			o, err := c.operation(item, op)
			if err != nil {
				return nil, fmt.Errorf("%s.yaml: %s: %w", name, op.OperationID, err)
			}
			o.Method, o.Path = method, path
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (c *Compiler) operation(item *openapi3.PathItem, op *openapi3.Operation) (*Operation, error) {
	o := &Operation{ID: op.OperationID, Methods: CallMethods(op)}
	params := append(openapi3.Parameters{}, item.Parameters...)
	for _, pr := range append(params, op.Parameters...) {
		p := pr.Value
		if p == nil || p.Schema == nil || p.Schema.Value == nil || p.Content != nil {
			return nil, fmt.Errorf("parameter %v: only plain schemas are supported", pr.Ref)
		}
		sc := p.Schema.Value
		plain := sc.Type != nil && sc.Type.Is("string") && len(sc.Enum) == 0 && sc.Pattern == "" &&
			sc.MinLength == 0 && sc.MaxLength == nil && sc.Format == "" && len(sc.OneOf)+len(sc.AnyOf)+len(sc.AllOf) == 0 && sc.Not == nil
		if !plain || (p.In != openapi3.ParameterInHeader && p.In != openapi3.ParameterInPath && p.In != openapi3.ParameterInQuery) {
			return nil, fmt.Errorf("parameter %q in %s: only plain strings in header, path or query are supported", p.Name, p.In)
		}
		if p.Required && p.In != openapi3.ParameterInPath { // path params are there by routing
			o.Params = append(o.Params, Param{Name: p.Name, In: p.In})
		}
	}
	if rb := op.RequestBody; rb != nil {
		if rb.Value == nil {
			return nil, fmt.Errorf("request body %s unresolved", rb.Ref)
		}
		mt := rb.Value.Content["application/json"]
		if mt == nil {
			return nil, fmt.Errorf("request body: application/json is required")
		}
		o.HasBody, o.BodyRequired = true, rb.Value.Required
		o.OtherMedia = len(rb.Value.Content) > 1
		if mt.Schema != nil {
			n, err := c.ref(mt.Schema)
			if err != nil {
				return nil, fmt.Errorf("request body: %w", err)
			}
			o.Body = n
		}
	}
	if op.Responses == nil || op.Responses.Len() == 0 {
		return nil, fmt.Errorf("no responses")
	}
	o.Responses = map[string]*Response{}
	for code, ref := range op.Responses.Map() {
		r, err := c.response(ref)
		if err != nil {
			return nil, fmt.Errorf("response %s: %w", code, err)
		}
		o.Responses[code] = r
	}
	return o, nil
}

func (c *Compiler) response(ref *openapi3.ResponseRef) (*Response, error) {
	if ref == nil || ref.Value == nil {
		return nil, fmt.Errorf("unresolved")
	}
	r := &Response{}
	for _, name := range slices.Sorted(maps.Keys(ref.Value.Headers)) {
		if http.CanonicalHeaderKey(name) == "Content-Type" {
			continue // kin-openapi skips it too
		}
		h, err := c.header(name, ref.Value.Headers[name])
		if err != nil {
			return nil, err
		}
		r.Headers = append(r.Headers, h)
	}
	content := ref.Value.Content
	if len(content) == 0 {
		return r, nil
	}
	mt := content["application/json"]
	if mt == nil || len(content) != 1 {
		return nil, fmt.Errorf("only application/json content is supported")
	}
	r.Content = true
	if mt.Schema != nil {
		n, err := c.ref(mt.Schema)
		if err != nil {
			return nil, err
		}
		r.Schema = n
	}
	return r, nil
}

// CallMethods lists, sorted, the JSON-RPC methods of an operation whose
// JSON request body is an anyOf of calls, each call's `method` a one-value
// enum (PaySys's gateway); nil for a REST operation.
func CallMethods(op *openapi3.Operation) []string {
	if op == nil || op.RequestBody == nil || op.RequestBody.Value == nil {
		return nil
	}
	media := op.RequestBody.Value.Content.Get("application/json")
	if media == nil || media.Schema == nil || media.Schema.Value == nil {
		return nil
	}
	var out []string
	for _, call := range media.Schema.Value.AnyOf {
		if call.Value == nil {
			continue
		}
		m := call.Value.Properties["method"]
		if m == nil || m.Value == nil || len(m.Value.Enum) != 1 {
			continue
		}
		if name, ok := m.Value.Enum[0].(string); ok {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}
