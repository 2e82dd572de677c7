package anorbank

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// newChallengeLocked issues a challenge at now. otpCodes counts the codes
// drawn from the generator, so a restored Service can replay the stream
// (persist.go) and go on issuing the codes it would have.
func (s *Service) newChallengeLocked(now time.Time) *otp.Challenge {
	s.otpCodes++
	return otp.New(s.otpSet, s.otpGen, now)
}

// verifyChallengeLocked runs the shared OTP model on code at now.
func (s *Service) verifyChallengeLocked(c *otp.Challenge, code string, now time.Time) otp.Outcome {
	out := c.Verify(code, s.otpGen, now)
	if out == otp.WrongResent || out == otp.ExpiredResent {
		s.otpCodes++
	}
	return out
}
