package contracts

// Request and response validation against the compiled operations. The
// errors are kin-openapi's, word for word (tests compare them with
// openapi3filter on every operation), without linking it.
import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

var errBodyRequired = errors.New("request body has an error: value is required but missing")

// ValidateRequest checks r (whose body the caller has already read into
// body) against the operation. pathParams are the route's variables (path
// parameters are there by routing). A missing Content-Type is read as JSON:
// real clients omit it. A body the operation does not take (GET) is
// ignored, as servers do.
func (o *Operation) ValidateRequest(r *http.Request, body []byte, pathParams map[string]string) error {
	if err := o.checkParams(r); err != nil {
		return err
	}
	if !o.hasBody {
		return nil
	}
	if len(body) == 0 {
		if o.bodyRequired {
			return errBodyRequired
		}
		return nil
	}
	if o.body == nil || (o.otherMedia && r.Header.Get("Content-Type") != "" && !isJSON(r.Header.Get("Content-Type"))) {
		return nil
	}
	v, err := decodeJSON(body)
	if err != nil {
		return fmt.Errorf("request body has an error: failed to decode request body: %w", err)
	}
	return visit(o.body, v, "request body has an error: doesn't match schema")
}

// ValidateDecoded is ValidateRequest for an adapter that has already
// decoded body into v (encoding/json with UseNumber): the body is not
// decoded a second time.
func (o *Operation) ValidateDecoded(r *http.Request, body []byte, v any, pathParams map[string]string) error {
	if !o.hasBody || len(body) == 0 || o.body == nil {
		return o.ValidateRequest(r, body, pathParams)
	}
	if err := o.checkParams(r); err != nil {
		return err
	}
	return visit(o.body, v, "request body has an error: doesn't match schema")
}

// visit validates v against n: the fast walk first, and only for a value it
// rejects the walk that says why.
func visit(n *schema.Node, v any, what string) error {
	if n.Valid(v) {
		return nil
	}
	if err := soleBranch(n, v).Check(v); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil // cannot happen: Check rejects what Valid rejects (tested)
}

// soleBranch narrows a node that is nothing but a oneOf (or anyOf) to the
// one branch whose required properties the object v has, when there is
// exactly one: every other branch fails on a missing required property, so
// "exactly one branch matches" (or "some branch matches") holds iff that
// branch matches. Envelopes are written this way (success | error), and
// the reason then names what is wrong inside the envelope.
func soleBranch(n *schema.Node, v any) *schema.Node {
	obj, ok := v.(map[string]any)
	if !ok || !n.OnlyBranches() {
		return n
	}
	branches := n.OneOf
	if len(branches) == 0 {
		branches = n.AnyOf
	}
	if len(branches) < 2 {
		return n
	}
	var sole *schema.Node
	for _, b := range branches {
		if len(b.Required) == 0 {
			return n
		}
		has := true
		for _, k := range b.Required {
			if _, ok := obj[k]; !ok {
				has = false
				break
			}
		}
		if has {
			if sole != nil {
				return n
			}
			sole = b
		}
	}
	if sole == nil {
		return n
	}
	return sole
}

// checkParams checks the required header and query parameters are present.
func (o *Operation) checkParams(r *http.Request) error {
	for _, p := range o.params {
		var present bool
		switch p.in {
		case "header":
			present = r.Header.Get(p.name) != ""
		case "query":
			present = r.URL.Query().Has(p.name)
		}
		if !present {
			return fmt.Errorf("parameter %q in %s has an error: value is required but missing", p.name, p.in)
		}
	}
	return nil
}

// ValidateResponse checks a response the fake is about to send (-strict),
// or a live sandbox sent (the suite), as openapi3filter.ValidateResponse
// does with IncludeResponseStatus; a schema mismatch is explained (a JSON
// pointer and a reason, see Finding) rather than dumped.
func (o *Operation) ValidateResponse(r *http.Request, pathParams map[string]string, status int, header http.Header, body []byte) error {
	if r != nil && r.Method == http.MethodHead {
		return nil
	}
	switch status {
	case http.StatusNotModified, http.StatusPermanentRedirect, http.StatusTemporaryRedirect, http.StatusMovedPermanently:
		return nil
	}
	resp := o.responseFor(status)
	if resp == nil {
		return errors.New("status is not supported")
	}
	for _, h := range resp.headers {
		if err := h.check(header); err != nil {
			return err
		}
	}
	if !resp.content {
		return nil
	}
	if ct := header.Get("Content-Type"); !isJSON(ct) {
		return fmt.Errorf("response header Content-Type has unexpected value: %q", ct)
	}
	if resp.schema == nil || resp.schema.ValidJSON(body) == schema.Pass {
		return nil // most answers: checked on the bytes, not decoded again
	}
	v, err := decodeJSON(body)
	if err != nil {
		return fmt.Errorf("response body: failed to decode: %w", err)
	}
	if err := visit(resp.schema, v, "response body doesn't match schema"); err != nil {
		return fmt.Errorf("response body doesn't match schema: %w", Explain(err))
	}
	return nil
}

// responseFor is kin-openapi's lookup: the status, its class ("4XX"), then
// default.
func (o *Operation) responseFor(status int) *response {
	st := strconv.Itoa(status)
	if r := o.responses[st]; r != nil {
		return r
	}
	if 99 < status && status < 600 {
		if r := o.responses[st[:1]+"XX"]; r != nil {
			return r
		}
	}
	return o.responses["default"]
}

// isJSON: the Content-Type names application/json (parameters aside), as
// kin-openapi's Content.Get matches the one media type the documents use.
func isJSON(ct string) bool {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	return strings.TrimSpace(base) == "application/json"
}

// check is kin-openapi's validateResponseHeader for a plain string header.
func (h header) check(hd http.Header) error {
	values, found := hd[http.CanonicalHeaderKey(h.name)]
	if !found {
		if h.required {
			return fmt.Errorf("response header %q missing", h.name)
		}
		return nil
	}
	var v any
	if len(values) > 0 {
		v = values[0]
	}
	if h.schema == nil || h.schema.Valid(v) {
		return nil
	}
	if err := h.schema.Check(v); err != nil {
		return fmt.Errorf("response header %q doesn't match schema: %w", h.name, Explain(err))
	}
	return nil
}

// decodeJSON decodes the first JSON value of b as kin-openapi did (and as
// the nodes expect): numbers as json.Number, anything after it ignored.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}
