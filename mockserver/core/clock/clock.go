// Package clock is the sandbox's notion of time. Domain code asks a Clock and
// never calls time.Now, so tokens, OTPs, holds and settlement follow
// POST /__admin/clock exactly. It imports only the standard library.
package clock

import (
	"sync"
	"time"
)

// Clock tells the time.
type Clock interface{ Now() time.Time }

// Sandbox is a settable clock. Running, it moves with real time from the
// point it was last set; frozen, it moves only when told to.
type Sandbox struct {
	mu     sync.Mutex
	real   func() time.Time
	frozen bool
	base   time.Time // sandbox time at anchor
	anchor time.Time // real time when base was set
}

// NewSandbox starts a clock at start. real is the wall clock (time.Now when nil).
func NewSandbox(start time.Time, frozen bool, real func() time.Time) *Sandbox {
	if real == nil {
		real = time.Now
	}
	return &Sandbox{real: real, frozen: frozen, base: start, anchor: real()}
}

// Now returns the sandbox time.
func (s *Sandbox) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nowLocked()
}

func (s *Sandbox) nowLocked() time.Time {
	if s.frozen {
		return s.base
	}
	return s.base.Add(s.real().Sub(s.anchor))
}

// Advance moves the clock forward by d (backward when d < 0) and returns the new time.
func (s *Sandbox) Advance(d time.Duration) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.base, s.anchor = s.nowLocked().Add(d), s.real()
	return s.base
}

// Set puts the clock at t.
func (s *Sandbox) Set(t time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.base, s.anchor = t, s.real()
	return s.base
}

// Frozen reports whether the clock moves only on demand.
func (s *Sandbox) Frozen() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.frozen
}
