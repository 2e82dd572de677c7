package aloqa

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// newChallengeLocked issues a challenge now. otpCodes counts the codes drawn
// from s.gen, so a restored Service can replay the stream (persist.go) and
// go on issuing the codes it would have.
func (s *Service) newChallengeLocked() *otp.Challenge {
	s.otpCodes++
	return otp.New(s.otpSet, s.gen, s.now())
}

// verifyChallengeLocked runs the shared OTP model on code at now.
func (s *Service) verifyChallengeLocked(c *otp.Challenge, code string, now time.Time) otp.Outcome {
	out := c.Verify(code, s.gen, now)
	if out == otp.WrongResent || out == otp.ExpiredResent {
		s.otpCodes++
	}
	return out
}
