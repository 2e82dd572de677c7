package core

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

type counterState struct {
	N     int            `json:"n"`
	Names map[string]int `json:"names"`
}

type counterDomain struct {
	Persisted[counterState]
	mu      sync.Mutex
	st      counterState
	adopted int
}

func newCounterDomain(n int) *counterDomain {
	d := &counterDomain{st: counterState{N: n}}
	d.Persisted = NewPersisted("counter", 3, &d.mu, &d.st)
	return d
}

func (d *counterDomain) Restore(data []byte) error {
	return d.RestoreWith(data, counterState{}, func(st *counterState) error {
		if st.N < 0 {
			return errors.New("negative count")
		}
		return nil
	}, func() { d.adopted++ })
}

// A snapshot restored into a fresh domain is the same state, and the
// domain's derived indexes are rebuilt (adopt runs once).
func TestPersistedRoundTrip(t *testing.T) {
	from := newCounterDomain(41)
	from.st.Names = map[string]int{"b": 2, "a": 1}
	snap, err := Snapshot(from)
	if err != nil {
		t.Fatal(err)
	}
	to := newCounterDomain(0)
	if err := to.Restore(snap); err != nil {
		t.Fatal(err)
	}
	if to.st.N != 41 || to.st.Names["a"] != 1 || to.adopted != 1 {
		t.Fatalf("restored %+v, adopted %d times", to.st, to.adopted)
	}
	again, _ := Snapshot(to)
	if string(again) != string(snap) {
		t.Fatalf("a restored domain snapshots differently:\n%s\n%s", snap, again)
	}
}

// A snapshot that fails to decode, is of another version or fails the
// domain's check changes nothing: the state stays, adopt never runs, and
// the error names the domain.
func TestPersistedRestoreIsAllOrNothing(t *testing.T) {
	for name, snap := range map[string]string{
		"not json":      `{"version":3,`,
		"other version": `{"version":2,"state":{"n":5}}`,
		"unknown field": `{"version":3,"state":{"n":5,"extra":1}}`,
		"check fails":   `{"version":3,"state":{"n":-5}}`,
	} {
		t.Run(name, func(t *testing.T) {
			d := newCounterDomain(7)
			err := d.Restore([]byte(snap))
			if err == nil || !strings.HasPrefix(err.Error(), "counter snapshot: ") {
				t.Fatalf("error %v does not name the domain's snapshot", err)
			}
			if d.st.N != 7 || d.adopted != 0 {
				t.Fatalf("a refused snapshot changed the domain: %+v, adopted %d", d.st, d.adopted)
			}
		})
	}
}
