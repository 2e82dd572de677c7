package clock

import (
	"testing"
	"time"
)

func TestSandboxClock(t *testing.T) {
	real := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return real }
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

	running := NewSandbox(start, false, now)
	real = real.Add(10 * time.Second)
	if got := running.Now(); !got.Equal(start.Add(10 * time.Second)) {
		t.Fatalf("running clock: %v", got)
	}
	running.Advance(24 * time.Hour)
	if got := running.Now(); !got.Equal(start.Add(24*time.Hour + 10*time.Second)) {
		t.Fatalf("advanced: %v", got)
	}

	frozen := NewSandbox(start, true, now)
	real = real.Add(time.Hour)
	if !frozen.Now().Equal(start) {
		t.Fatal("a frozen clock moved with real time")
	}
	at := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	frozen.Set(at)
	if !frozen.Now().Equal(at) {
		t.Fatal("set")
	}
}
