package transport

import (
	"errors"
	"net/http"
)

// ErrNoCredentials: the client was built without credentials. No client
// falls back to a documentation example (sandbox/sandbox, gray/p@ssw0rd):
// the call fails before anything is sent. Each client re-exports it.
var ErrNoCredentials = errors.New("no credentials: pass them with the client's option (e.g. WithCredentials)")

// Basic authenticates with HTTP Basic; an empty username is ErrNoCredentials.
func Basic(username, password string) func(*http.Request) error {
	return func(r *http.Request) error {
		if username == "" {
			return ErrNoCredentials
		}
		r.SetBasicAuth(username, password)
		return nil
	}
}

// SameCode is the Is method every client's *Error shares: target is a *E
// whose code equals e's, so errors.Is(err, pkg.ErrX) matches by code.
func SameCode[E any, K comparable](e *E, target error, code func(*E) K) bool {
	t, ok := any(target).(*E)
	return ok && t != nil && code(t) == code(e)
}
