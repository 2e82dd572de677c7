package anorbank

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// newChallengeLocked issues a challenge at now from the namespace's code
// stream (st.OTP, whose position the snapshot keeps).
func (s *Service) newChallengeLocked(now time.Time) *otp.Challenge {
	return otp.New(s.otpSet, s.st.OTP, now)
}

// verifyChallengeLocked runs the shared OTP model on code at now.
func (s *Service) verifyChallengeLocked(c *otp.Challenge, code string, now time.Time) otp.Outcome {
	return c.Verify(code, s.st.OTP, now)
}
