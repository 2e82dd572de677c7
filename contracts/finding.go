package contracts

import (
	"errors"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// Finding is a validation error as a developer reads it: one line, the
// JSON pointer of the offending member and what is wrong with it, e.g.
// `/username: value must be a string`. kin-openapi's own message dumps the
// schema and the value (which may hold a card number); Unwrap keeps it.
type Finding struct {
	Pointer string
	Reason  string
	err     error
}

func (f *Finding) Error() string {
	if f.Pointer == "" {
		return f.Reason
	}
	return f.Pointer + ": " + f.Reason
}

func (f *Finding) Unwrap() error { return f.err }

// Explain turns a validation error into a Finding when it holds a schema
// error; for a value that matches no branch of an anyOf/oneOf, it names the
// branch that got furthest (the one whose finding is deepest), as JSON
// Schema validators do. Other errors are returned as they are.
func Explain(err error) error {
	var se *openapi3.SchemaError
	if err == nil || !errors.As(err, &se) {
		return err
	}
	prefix := pointer(se.JSONPointer())
	if branch := deepestBranch(se); branch != nil {
		return &Finding{Pointer: prefix + pointer(branch.JSONPointer()), Reason: reason(branch), err: err}
	}
	return &Finding{Pointer: prefix, Reason: reason(se), err: err}
}

func deepestBranch(se *openapi3.SchemaError) *openapi3.SchemaError {
	if se.Schema == nil || (se.SchemaField != "anyOf" && se.SchemaField != "oneOf") {
		return nil
	}
	branches := se.Schema.AnyOf
	if se.SchemaField == "oneOf" {
		branches = se.Schema.OneOf
	}
	var best *openapi3.SchemaError
	for _, b := range branches {
		if b.Value == nil {
			continue
		}
		var be *openapi3.SchemaError
		if err := b.Value.VisitJSON(se.Value, openapi3.VisitAsRequest()); errors.As(err, &be) {
			if inner := deepestBranch(be); inner != nil {
				be = inner
			}
			if best == nil || len(be.JSONPointer()) > len(best.JSONPointer()) {
				best = be
			}
		}
	}
	return best
}

func pointer(path []string) string {
	if len(path) == 0 {
		return ""
	}
	return "/" + strings.Join(path, "/")
}

func reason(se *openapi3.SchemaError) string {
	if se.Reason != "" {
		return se.Reason
	}
	return `does not match the contract's "` + se.SchemaField + `"`
}
