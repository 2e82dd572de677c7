package anorbank

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// challenge is an otp.Challenge plus the part of its state the otp package
// does not expose: tries on the current code and resends left, mirrored
// from Verify's outcomes. The OTP model itself stays otp's; the mirror is
// what lets a snapshot hold the whole challenge (persist.go).
type challenge struct {
	ch          *otp.Challenge
	attempts    int
	resendsLeft int
	// pinned: ch was rebuilt from a snapshot with settings that pin the
	// restored code (otp has no other way in). A resend on it would repeat
	// that code, so the first resend swaps in a live challenge instead.
	pinned bool
}

// newChallengeLocked issues a challenge at now (one code drawn).
func (s *Service) newChallengeLocked(now time.Time) *challenge {
	s.otpCodes++
	return &challenge{ch: otp.New(s.otpSet, s.otpGen, now), resendsLeft: s.otpSet.Resends}
}

// verifyChallengeLocked runs otp's model on code and mirrors the outcome.
func (s *Service) verifyChallengeLocked(c *challenge, code string, now time.Time) otp.Outcome {
	out := c.ch.Verify(code, s.otpGen, now)
	switch out {
	case otp.WrongRetry, otp.WrongDead:
		c.attempts++
	case otp.WrongResent, otp.ExpiredResent:
		s.otpCodes++
		c.attempts = 0
		c.resendsLeft--
		if c.pinned {
			// What the live challenge would have done: a fresh code from
			// the generator, issued now, with the resends that are left.
			set := s.otpSet
			set.Resends = c.resendsLeft
			c.ch = otp.New(set, s.otpGen, now)
			c.pinned = false
		}
	}
	return out
}

func (c *challenge) code() string                    { return c.ch.Code() }
func (c *challenge) done() bool                      { return c.ch.Done() }
func (c *challenge) leftSeconds(now time.Time) int64 { return c.ch.LeftSeconds(now) }
