package requisites

import (
	"crypto/subtle"
	"slices"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// User is an authenticated partner user.
type User struct {
	Username string
	methods  []string // operationIds; empty = all
}

// Allowed reports whether the user may call the operation; the scenario's
// `methods` narrows a user (`limited`), and a refusal is 1009.
func (u User) Allowed(op string) bool { return len(u.methods) == 0 || slices.Contains(u.methods, op) }

// Authenticate checks HTTP Basic credentials. Every user is compared in
// constant time, so timing tells neither a known username nor a password
// prefix. A failure is 1004, the only user-related code (RQ-6).
func (s *Service) Authenticate(username, password string) (User, error) {
	found := -1
	for i, c := range s.users {
		u := subtle.ConstantTimeCompare([]byte(c.Username), []byte(username))
		p := subtle.ConstantTimeCompare([]byte(c.Password), []byte(password))
		if u&p == 1 && found < 0 {
			found = i
		}
	}
	if found < 0 {
		return User{}, core.Fail(CodeUserNotFound)
	}
	c := s.users[found]
	return User{Username: c.Username, methods: c.Methods}, nil
}
