package core

import (
	"fmt"
	"sync"
)

// Persisted is the Persistent half every provider domain shares: one state
// struct, one mutex that every operation holds, and the snapshot of that
// struct as it is. A domain embeds it (built by NewPersisted over its own
// mu and st fields, so its operations keep writing s.mu and s.st) and adds
// only Restore: its checks of a decoded state and the indexes it derives.
//
// A new field in a domain's state is one edit there (with its json tag):
// the snapshot follows.
type Persisted[S any] struct {
	name    string
	version int
	mu      *sync.Mutex
	st      *S
	size    *int // the last snapshot's length, to allocate the next at once
}

// NewPersisted ties the persistence of a domain named name (for errors) to
// its mutex and state. version is the domain's snapshot format, bumped when
// the state's shape changes incompatibly.
func NewPersisted[S any](name string, version int, mu *sync.Mutex, st *S) Persisted[S] {
	return Persisted[S]{name: name, version: version, mu: mu, st: st, size: new(int)}
}

// LockState takes the mutex every operation holds.
func (p Persisted[S]) LockState() { p.mu.Lock() }

// UnlockState releases LockState.
func (p Persisted[S]) UnlockState() { p.mu.Unlock() }

// SnapshotLocked writes the state as JSON; the caller holds LockState. It
// changes nothing (nothing settles), and maps marshal sorted by key, so a
// snapshot of a restored domain is byte-identical to the one it came from.
func (p Persisted[S]) SnapshotLocked() ([]byte, error) {
	b, err := encodeSnapshot(p.version, p.st, *p.size)
	if err == nil {
		*p.size = len(b)
	}
	return b, err
}

// RestoreWith is the body of a domain's Restore. It decodes data into
// fresh (the zero state, or one with the domain's empty maps), runs check
// on it without the lock, and only then, under the lock, installs it and
// runs adopt (which derives indexes from the installed state). So a bad
// snapshot returns an error and leaves the domain exactly as it was.
func (p Persisted[S]) RestoreWith(data []byte, fresh S, check func(*S) error, adopt func()) error {
	if err := DecodeSnapshot(data, p.version, &fresh); err != nil {
		return fmt.Errorf("%s snapshot: %w", p.name, err)
	}
	if err := check(&fresh); err != nil {
		return fmt.Errorf("%s snapshot: %w", p.name, err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	*p.st = fresh
	adopt()
	return nil
}

// SkipWith is the body of a domain's core.IDSkipper: skip moves the
// state's id counters and streams, under the lock.
func (p Persisted[S]) SkipWith(skip func(*S)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	skip(p.st)
}
