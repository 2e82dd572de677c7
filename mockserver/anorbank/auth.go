package anorbank

import (
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"slices"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Tokens is what login and refresh-token hand out.
type Tokens struct {
	Access    string
	Refresh   string
	ExpiresIn int64 // seconds
}

// Agent is an authenticated caller.
type Agent struct {
	Username string
	Roles    []string
}

// CanCancel reports the special role cancel/v3 needs.
func (a Agent) CanCancel() bool { return slices.Contains(a.Roles, "cancel") }

type accessToken struct {
	Agent   string    `json:"agent"`
	Expires time.Time `json:"expires"`
}

type refreshToken struct {
	Agent   string    `json:"agent"`
	Expires time.Time `json:"expires"`
	Used    bool      `json:"used,omitempty"` // rotated away
}

// Login checks the agent's credentials. With login_errors "generic" (the
// default) every failure is `bad credentials`; "detailed" tells
// `username not found` from `invalid password`.
func (s *Service) Login(username, password string) (Tokens, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cred, known := s.agents[username]
	ok := known && subtle.ConstantTimeCompare([]byte(cred.Password), []byte(password)) == 1
	if !ok {
		if s.settings.LoginErrors == "detailed" {
			if !known {
				return Tokens{}, core.Fail(CodeUsernameNotFound)
			}
			return Tokens{}, core.Fail(CodeInvalidPassword)
		}
		return Tokens{}, core.Fail(CodeBadCredentials)
	}
	return s.issueLocked(username), nil
}

// Refresh rotates the pair: the presented refresh token becomes invalid
// (AN state machine 4.1: rotation), a used, unknown or expired one is
// `bad credentials`.
func (s *Service) Refresh(token string) (Tokens, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.st.Refresh[token]
	if !ok || rt.Used || !s.env.Clock.Now().Before(rt.Expires) {
		return Tokens{}, core.Fail(CodeBadCredentials)
	}
	if _, still := s.agents[rt.Agent]; !still {
		return Tokens{}, core.Fail(CodeBadCredentials)
	}
	rt.Used = true
	return s.issueLocked(rt.Agent), nil
}

// Authenticate resolves a bearer access token; missing, unknown and expired
// tokens are `bad credentials` (D-1).
func (s *Service) Authenticate(token string) (Agent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	at, ok := s.st.Access[token]
	if !ok || !s.env.Clock.Now().Before(at.Expires) {
		return Agent{}, core.Fail(CodeBadCredentials)
	}
	cred, ok := s.agents[at.Agent]
	if !ok {
		return Agent{}, core.Fail(CodeBadCredentials)
	}
	return Agent{Username: cred.Username, Roles: cred.Roles}, nil
}

func (s *Service) issueLocked(agent string) Tokens {
	now := s.env.Clock.Now()
	ttl, rttl := s.settings.TokenTTL.D(), s.settings.RefreshTTL.D()
	access := s.jwtLocked(rs256Header, agent, now, ttl, "Bearer")
	refresh := s.jwtLocked(hs256Header, agent, now, rttl, "Refresh")
	s.st.Access[access] = &accessToken{Agent: agent, Expires: now.Add(ttl)}
	s.st.Refresh[refresh] = &refreshToken{Agent: agent, Expires: now.Add(rttl)}
	return Tokens{Access: access, Refresh: refresh, ExpiresIn: int64(ttl / time.Second)}
}

// The documented token headers: {"alg":"RS256","typ":"JWT"} for access,
// Keycloak-style HS256 for refresh. The tokens are opaque to clients; they
// are JWT-shaped so that client code which peeks at `exp` keeps working.
const (
	rs256Header = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9"
	hs256Header = "eyJhbGciOiJIUzI1NiIsInR5cCIgOiAiSldUIn0"
)

func (s *Service) jwtLocked(header, agent string, now time.Time, ttl time.Duration, typ string) string {
	claims, _ := json.Marshal(map[string]any{
		"exp": now.Add(ttl).Unix(), "iat": now.Unix(), "jti": s.faker.UUID(),
		"iss": "paysandbox", "sub": agent, "typ": typ, "scope": "openid",
	})
	sig := make([]byte, 32)
	for i := range sig {
		sig[i] = byte(s.faker.Uint8())
	}
	enc := base64.RawURLEncoding
	return header + "." + enc.EncodeToString(claims) + "." + enc.EncodeToString(sig)
}
