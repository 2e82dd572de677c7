package core

// SnapshotOf takes one domain's snapshot the way the sandbox does: under
// its lock. Tests and tools that snapshot a single domain use it.
func SnapshotOf(p Persistent) ([]byte, error) {
	p.LockState()
	defer p.UnlockState()
	return p.SnapshotLocked()
}
