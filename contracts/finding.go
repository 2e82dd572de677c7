package contracts

import (
	"errors"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

// Finding is a validation error as a developer reads it: one line, the
// JSON pointer of the offending member and what is wrong with it, e.g.
// `/username: value must be a string`. The value itself (which may hold a
// card number) is never in it; Unwrap keeps the full error.
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
	var se *schema.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	prefix := se.Pointer()
	if branch := deepestBranch(se); branch != nil {
		return &Finding{Pointer: prefix + branch.Pointer(), Reason: branch.Why(), err: err}
	}
	return &Finding{Pointer: prefix, Reason: se.Why(), err: err}
}

func deepestBranch(se *schema.Error) *schema.Error {
	if se.Node == nil || (se.Field != "anyOf" && se.Field != "oneOf") {
		return nil
	}
	branches := se.Node.AnyOf
	if se.Field == "oneOf" {
		branches = se.Node.OneOf
	}
	var best *schema.Error
	for _, b := range branches {
		if be := b.Check(se.Value); be != nil {
			if inner := deepestBranch(be); inner != nil {
				be = inner.Within(be)
			}
			if best == nil || len(be.Path()) > len(best.Path()) {
				best = be
			}
		}
	}
	return best
}
