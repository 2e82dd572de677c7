package sandbox

import (
	"sync/atomic"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Issue 13.6: no id is ever issued twice, even after SIGKILL. A snapshot
// written every second is up to a second old; restored, its counters would
// issue again the ids answered since. So the state log durably reserves
// operations ahead of use, per namespace (like a PostgreSQL sequence logs
// values ahead): a provider request past the reservation waits until a new
// block is on disk. After a crash, every domain of a namespace skips the
// ids of the operations reserved but not in the snapshot (reserved minus
// finished, times idsPerOp), and re-keys its random streams by the epoch,
// a number the log raises durably at every start.

// reserveBlock is how many provider requests one durable reservation
// covers: one fsync per this many requests per namespace.
const reserveBlock = 1024

// idsPerOp bounds the ids of one counter one request issues. Today every
// provider operation issues at most one of each kind (a bill, a
// transactionId, a transaction_id, a statement line and a doc number); the
// margin covers an operation that comes to issue a few.
const idsPerOp = 4

// idFloor counts a namespace's provider requests (a slot keeps it across
// resets). All counts are since the namespace was first created.
type idFloor struct {
	started  atomic.Uint64 // requests let in
	finished atomic.Uint64 // requests done: their changes are in the state
	reserved atomic.Uint64 // started may reach this; durably logged
	asking   atomic.Bool   // a reservation ahead of need is on its way
}

// skipIDs makes d issue none of the ids of gap operations after its
// current counters, its random streams re-keyed by epoch. Domains that
// issue no ids need not implement core.IDSkipper.
func skipIDs(d core.Domain, gap, epoch uint64) {
	if gap == 0 {
		return
	}
	if sk, ok := d.(core.IDSkipper); ok {
		sk.SkipIDs(int64(gap*idsPerOp), epoch)
	}
}
