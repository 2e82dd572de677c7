// Package otp is the one-time-code model every provider shares
// (SCENARIOS.md §3, "OTP model"): a code allows MaxAttempts tries within TTL;
// a wrong try with tries left asks to retry; the last wrong try, or an
// expired code, sends a new code while resends are left; past that the
// challenge is dead. Time comes from the caller (the sandbox clock).
// Standard library only.
package otp

import (
	"crypto/subtle"
	"encoding/json"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/rng"
)

// Settings of a challenge (scenario settings.otp).
type Settings struct {
	Length      int           `json:"length"`
	TTL         time.Duration `json:"ttl"`
	MaxAttempts int           `json:"max_attempts"`
	Resends     int           `json:"resends"`
	FixedCode   string        `json:"fixed_code,omitempty"` // every code is this one (tests); empty = random
}

// Outcome of a verification.
type Outcome int

const (
	OK            Outcome = iota // right code, in time
	WrongRetry                   // wrong code, tries left on this code
	WrongResent                  // last wrong try; a new code was issued (send it)
	WrongDead                    // last wrong try, no resend left: start over
	ExpiredResent                // the code expired; a new code was issued (send it)
	ExpiredDead                  // the code expired, no resend left: start over
	Dead                         // the challenge was already dead or used
)

// Generator makes codes; seeded per namespace so runs are reproducible. It
// marshals to its position in the stream (a snapshot resumes it exactly).
type Generator struct{ src *rng.Source }

// otpStream keeps OTP draws apart from every other stream of the seed.
const otpStream = 0x6f7470 // "otp"

// NewGenerator seeds a code generator.
func NewGenerator(seed int64) *Generator { return &Generator{src: rng.New(seed, otpStream)} }

// MarshalJSON writes the generator's position.
func (g *Generator) MarshalJSON() ([]byte, error) { return g.src.MarshalJSON() }

// UnmarshalJSON restores a position written by MarshalJSON.
func (g *Generator) UnmarshalJSON(data []byte) error {
	if g.src == nil {
		g.src = &rng.Source{}
	}
	return g.src.UnmarshalJSON(data)
}

// Code returns a new code of the settings' length (or the fixed code).
func (g *Generator) Code(s Settings) string {
	if s.FixedCode != "" {
		return s.FixedCode
	}
	n := s.Length
	if n <= 0 {
		n = 6
	}
	return g.src.Digits(n)
}

// Challenge is one code sent to one phone for one purpose (a bill, a
// binding, a transaction). Not safe for concurrent use: its owner's lock
// guards it.
type Challenge struct {
	settings    Settings
	code        string
	issued      time.Time
	attempts    int
	resendsLeft int
	done        bool
}

// New issues a challenge at now.
func New(s Settings, g *Generator, now time.Time) *Challenge {
	return &Challenge{settings: s, code: g.Code(s), issued: now, resendsLeft: s.Resends}
}

// Code is the current code (what the SMS carries).
func (c *Challenge) Code() string { return c.code }

// ExpiresAt is when the current code stops working.
func (c *Challenge) ExpiresAt() time.Time { return c.issued.Add(c.settings.TTL) }

// LeftSeconds is how long the current code still works, at now.
func (c *Challenge) LeftSeconds(now time.Time) int64 {
	left := c.ExpiresAt().Sub(now)
	if left < 0 {
		return 0
	}
	return int64(left / time.Second)
}

// Done reports a challenge that can no longer succeed (used or dead).
func (c *Challenge) Done() bool { return c.done }

// Verify checks code at now. On WrongResent and ExpiredResent a new code is
// issued: the caller sends Code() by SMS.
func (c *Challenge) Verify(code string, g *Generator, now time.Time) Outcome {
	if c.done {
		return Dead
	}
	if !now.Before(c.ExpiresAt()) {
		if c.resendsLeft > 0 {
			c.reissue(g, now)
			return ExpiredResent
		}
		c.done = true
		return ExpiredDead
	}
	if subtle.ConstantTimeCompare([]byte(code), []byte(c.code)) == 1 {
		c.done = true
		return OK
	}
	c.attempts++
	if c.attempts < c.settings.MaxAttempts {
		return WrongRetry
	}
	if c.resendsLeft > 0 {
		c.reissue(g, now)
		return WrongResent
	}
	c.done = true
	return WrongDead
}

func (c *Challenge) reissue(g *Generator, now time.Time) {
	c.resendsLeft--
	c.code = g.Code(c.settings)
	c.issued = now
	c.attempts = 0
}

// State is a challenge as a state file stores it.
type State struct {
	Code        string    `json:"code"`
	Issued      time.Time `json:"issued"`
	Attempts    int       `json:"attempts"`
	ResendsLeft int       `json:"resends_left"`
	Done        bool      `json:"done"`
}

// State returns the challenge's state (-state-file).
func (c *Challenge) State() State {
	return State{Code: c.code, Issued: c.issued, Attempts: c.attempts, ResendsLeft: c.resendsLeft, Done: c.done}
}

// Restore rebuilds a challenge from its state; s are the scenario's settings.
func Restore(s Settings, st State) *Challenge {
	return &Challenge{settings: s, code: st.Code, issued: st.Issued, attempts: st.Attempts, resendsLeft: st.ResendsLeft, done: st.Done}
}

// stored is a challenge in a snapshot: its State and the settings it was
// issued with (a code keeps the TTL and attempts it was sent with).
type stored struct {
	State
	Settings Settings `json:"settings"`
}

// MarshalJSON makes a challenge part of its owner's snapshot as is, so a
// domain stores its challenges without a mirror type.
func (c *Challenge) MarshalJSON() ([]byte, error) {
	return json.Marshal(stored{State: c.State(), Settings: c.settings})
}

// UnmarshalJSON restores a challenge written by MarshalJSON.
func (c *Challenge) UnmarshalJSON(data []byte) error {
	var st stored
	if err := json.Unmarshal(data, &st); err != nil {
		return err
	}
	*c = *Restore(st.Settings, st.State)
	return nil
}
