package core

import (
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/clock"
)

// A domain built on first use sees, while it is built, the sandbox time the
// namespace was built at (as an eager build did), and the live clock after.
func TestDomainBuiltOnFirstUseAsOfTheNamespace(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ns := &Namespace{Name: "t", Clock: clock.NewSandbox(start, true, time.Now)}
	builds := 0
	var seen time.Time
	var kept clock.Clock
	want := &stubDomain{}
	ns.SetDomainBuilder("p", func(env Env) Domain {
		builds++
		seen, kept = env.Clock.Now(), env.Clock
		return want
	})
	ns.Clock.Advance(time.Hour)
	if builds != 0 {
		t.Fatalf("built %d times before first use", builds)
	}
	if got := ns.Domain("p"); got != want {
		t.Fatalf("Domain = %v", got)
	}
	_ = ns.Domain("p")
	if builds != 1 {
		t.Errorf("built %d times, want once", builds)
	}
	if !seen.Equal(start) {
		t.Errorf("built as of %v, want the namespace's start %v", seen, start)
	}
	if got, want := kept.Now(), start.Add(time.Hour); !got.Equal(want) {
		t.Errorf("the domain's clock reads %v after the build, want the live %v", got, want)
	}
	if ns.Domain("none") != nil {
		t.Error("a provider with no builder has a domain")
	}
}

// stubDomain is a core.Domain that holds nothing.
type stubDomain struct{}

func (*stubDomain) LockState()                      {}
func (*stubDomain) UnlockState()                    {}
func (*stubDomain) SnapshotLocked() ([]byte, error) { return []byte("{}"), nil }
func (*stubDomain) Restore([]byte) error            { return nil }
func (*stubDomain) StateView() any                  { return nil }

// Ledgers built from one seed share it until they change a card: a change
// in one namespace is seen by no other and leaves the seed as it was.
func TestCardsCopiedOnWrite(t *testing.T) {
	seed := NewCardSeed([]Card{{PAN: "8600000000000001", Balance: 100, Flags: []string{"a"}}, {PAN: "8600000000000002", Balance: 5}})
	a, b := NewCardsFrom(seed), NewCardsFrom(seed)
	if err := a.Debit("8600000000000001", 40); err != nil {
		t.Fatal(err)
	}
	if err := a.Update("8600000000000001", func(c *Card) error { c.Flags[0] = "changed"; return nil }); err != nil {
		t.Fatal(err)
	}
	got, _ := a.Get("8600000000000001")
	if got.Balance != 60 || got.Flags[0] != "changed" {
		t.Errorf("a: %+v, want balance 60 and its flag changed", got)
	}
	for name, l := range map[string]*Cards{"b": b, "fresh": NewCardsFrom(seed)} {
		got, _ := l.Get("8600000000000001")
		if got.Balance != 100 || got.Flags[0] != "a" {
			t.Errorf("%s sees %+v, want the seed's balance 100 and flag a", name, got)
		}
	}
	if all := a.All(); len(all) != 2 || all[0].Balance != 60 || all[1].Balance != 5 {
		t.Errorf("All = %+v", all)
	}
	if err := b.Debit("8600000000000009", 1); err != ErrCardNotFound {
		t.Errorf("unknown card: %v", err)
	}
}
