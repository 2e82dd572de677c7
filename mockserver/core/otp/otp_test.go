package otp

import (
	"encoding/json"
	"testing"
	"time"
)

func TestChallengeFollowsTheOTPModel(t *testing.T) {
	s := Settings{Length: 6, TTL: 120 * time.Second, MaxAttempts: 3, Resends: 1}
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		steps []func(c *Challenge, g *Generator) Outcome
		want  []Outcome
	}{
		{"right code", []func(*Challenge, *Generator) Outcome{
			func(c *Challenge, g *Generator) Outcome { return c.Verify(c.Code(), g, t0) },
			func(c *Challenge, g *Generator) Outcome { return c.Verify(c.Code(), g, t0) },
		}, []Outcome{OK, Dead}},
		{"three wrong, resend, three wrong, dead", []func(*Challenge, *Generator) Outcome{
			wrong(t0), wrong(t0), wrong(t0), wrong(t0), wrong(t0), wrong(t0),
		}, []Outcome{WrongRetry, WrongRetry, WrongResent, WrongRetry, WrongRetry, WrongDead}},
		{"expired then resent code works", []func(*Challenge, *Generator) Outcome{
			func(c *Challenge, g *Generator) Outcome { return c.Verify(c.Code(), g, t0.Add(121*time.Second)) },
			func(c *Challenge, g *Generator) Outcome { return c.Verify(c.Code(), g, t0.Add(122*time.Second)) },
		}, []Outcome{ExpiredResent, OK}},
		{"expired twice is dead", []func(*Challenge, *Generator) Outcome{
			func(c *Challenge, g *Generator) Outcome { return c.Verify(c.Code(), g, t0.Add(120*time.Second)) },
			func(c *Challenge, g *Generator) Outcome { return c.Verify(c.Code(), g, t0.Add(241*time.Second)) },
		}, []Outcome{ExpiredResent, ExpiredDead}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := NewGenerator(1)
			c := New(s, g, t0)
			for i, step := range tc.steps {
				if got, want := step(c, g), tc.want[i]; got != want {
					t.Fatalf("step %d: got %v, want %v", i, got, want)
				}
			}
		})
	}
}

func wrong(at time.Time) func(*Challenge, *Generator) Outcome {
	return func(c *Challenge, g *Generator) Outcome {
		bad := "000000"
		if c.Code() == bad {
			bad = "111111"
		}
		return c.Verify(bad, g, at)
	}
}

func TestGeneratorIsDeterministicAndFixedCodeWins(t *testing.T) {
	a, b := NewGenerator(7), NewGenerator(7)
	s := Settings{Length: 6}
	if x, y := a.Code(s), b.Code(s); x != y || len(x) != 6 {
		t.Fatalf("codes %q and %q: want equal 6-digit codes", x, y)
	}
	if got := a.Code(Settings{FixedCode: "666666"}); got != "666666" {
		t.Fatalf("fixed code: got %q", got)
	}
}

// A restored challenge behaves exactly as the original would have.
func TestStateRoundTrip(t *testing.T) {
	s := Settings{Length: 6, TTL: 120 * time.Second, MaxAttempts: 3, Resends: 1}
	t0 := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	g1, g2 := NewGenerator(3), NewGenerator(3)
	a := New(s, g1, t0)
	New(s, g2, t0) // keep the generators in step
	wrong(t0)(a, g1)
	b := Restore(s, a.State())
	if b.State() != a.State() {
		t.Fatalf("state %+v, want %+v", b.State(), a.State())
	}
	for i := range 4 {
		if x, y := wrong(t0)(a, g1), wrong(t0)(b, g2); x != y {
			t.Fatalf("try %d: original %v, restored %v", i, x, y)
		}
	}
}

// A challenge written to a snapshot and read back verifies exactly as the
// original would: same code, attempts used, resends left, expiry.
func TestChallengeJSONRoundTrip(t *testing.T) {
	set := Settings{Length: 6, TTL: 2 * time.Minute, MaxAttempts: 3, Resends: 1}
	g := NewGenerator(9)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := New(set, g, now)
	c.Verify("wrong", g, now)
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var back Challenge
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.State() != c.State() || back.settings != c.settings {
		t.Fatalf("restored %+v %+v, want %+v %+v", back.State(), back.settings, c.State(), c.settings)
	}
	later := now.Add(time.Minute)
	if got, want := back.Verify("wrong", g, later), c.Verify("wrong", g, later); got != want {
		t.Errorf("second wrong try: restored %v, original %v", got, want)
	}
}
