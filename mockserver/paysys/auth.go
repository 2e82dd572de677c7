package paysys

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Auth schemes as settings.paysys.auth names them (D-4).
const (
	SchemeSignature = "signature"
	SchemeBasic     = "basic"
)

// Credentials is what a request presented; empty fields were not sent.
type Credentials struct {
	Auth                 string // the `Auth` header (§7)
	BasicUser, BasicPass string
	HasBasic             bool
}

// Authenticate checks the request's credentials against the scenario.
// wall is the real wall-clock time: the Auth timestamp's staleness is
// measured against it, not against the sandbox clock (D-3), so advancing the
// sandbox clock never breaks a client's signature. Any scheme the scenario
// allows may pass (D-4); a correct but stale signature is -32320, anything
// else -32504 (D-2).
func (s *Service) Authenticate(c Credentials, wall time.Time) error {
	allowed := s.settings.Auth // schema: at least one scheme
	stale := false
	if c.Auth != "" && slices.Contains(allowed, SchemeSignature) {
		switch s.checkSignature(c.Auth, wall) {
		case nil:
			return nil
		case errStale:
			stale = true
		}
	}
	if c.HasBasic && slices.Contains(allowed, SchemeBasic) && s.checkBasic(c.BasicUser, c.BasicPass) {
		return nil
	}
	if stale {
		return core.Fail(CodeStaleTimestamp)
	}
	return core.Fail(CodeForbidden)
}

// OffersBasic reports whether the scenario accepts HTTP Basic, so a 401
// carries a Basic challenge (D-19).
func (s *Service) OffersBasic() bool {
	return len(s.settings.Auth) == 0 || slices.Contains(s.settings.Auth, SchemeBasic)
}

var (
	errStale = core.Fail(CodeStaleTimestamp)
	errBad   = core.Fail(CodeForbidden)
)

// checkSignature verifies `{service_id}-{sha1(secret_key+timestamp)}-{timestamp}`
// (§7). The header is split from the right, so a service_id may contain '-'.
func (s *Service) checkSignature(h string, wall time.Time) error {
	rest, ts, ok := cutLast(h)
	if !ok {
		return errBad
	}
	service, sig, ok := cutLast(rest)
	if !ok || service == "" {
		return errBad
	}
	at, ok := s.stampTime(ts)
	if !ok {
		return errBad
	}
	got, err := hex.DecodeString(strings.ToLower(sig))
	if err != nil || len(got) != sha1.Size {
		return errBad
	}
	match := 0
	for _, c := range s.creds {
		sum := sha1.Sum([]byte(c.SecretKey + ts))
		idOK := subtle.ConstantTimeCompare([]byte(c.ServiceID), []byte(service))
		match |= idOK & subtle.ConstantTimeCompare(sum[:], got)
	}
	if match != 1 {
		return errBad
	}
	skew := wall.Sub(at)
	if skew < 0 {
		skew = -skew
	}
	if skew > s.settings.MaxSkew.D() {
		return errStale
	}
	return nil
}

// stampTime reads the Auth timestamp: milliseconds as §7 documents, or, by
// default, 10 digits as seconds as a public PHP client signs (D-11).
// settings.paysys.auth_timestamp "ms" reads every value as milliseconds, so
// a seconds timestamp lands in 1970 and is stale.
func (s *Service) stampTime(ts string) (time.Time, bool) {
	n, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	if len(ts) == 10 && s.settings.AuthTimestamp != scenarios.PaysysTimestampMS {
		return time.Unix(n, 0), true
	}
	return time.UnixMilli(n), true
}

func (s *Service) checkBasic(user, pass string) bool {
	match := 0
	for _, c := range s.creds {
		if c.Basic == nil {
			continue
		}
		match |= subtle.ConstantTimeCompare([]byte(c.Basic.Username), []byte(user)) &
			subtle.ConstantTimeCompare([]byte(c.Basic.Password), []byte(pass))
	}
	return match == 1
}

func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// Sign builds the Auth header value for a credential at a wall-clock time
// (used by tests and the docs; clients sign themselves).
func Sign(serviceID, secretKey string, at time.Time) string {
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	sum := sha1.Sum([]byte(secretKey + ts))
	return serviceID + "-" + hex.EncodeToString(sum[:]) + "-" + ts
}
