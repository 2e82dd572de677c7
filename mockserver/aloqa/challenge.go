package aloqa

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// newChallengeLocked issues a challenge now, its code drawn from the
// namespace's OTP stream (part of the snapshot, so a restored Service goes
// on issuing the codes it would have).
func (s *Service) newChallengeLocked() *otp.Challenge {
	return otp.New(s.otpSet, s.st.OTP, s.now())
}

// verifyChallengeLocked runs the shared OTP model on code at now.
func (s *Service) verifyChallengeLocked(c *otp.Challenge, code string, now time.Time) otp.Outcome {
	return c.Verify(code, s.st.OTP, now)
}
