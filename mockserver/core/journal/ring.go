package journal

import "github.com/paysandbox/paysandbox/mockserver/core/slots"

// ring holds the entries in slots that never move as they are added
// (slots.Slots): growing never copies what is kept.
type ring struct{ slots.Slots[stored] }

// reorder rebuilds the ring with the count entries that begin at slot
// start first, in order: growing a ring that wrapped (the byte budget
// evicted some entries before the journal reached its size) must not
// put the new slots in the middle of the order.
func (r *ring) reorder(start, count int) {
	var fresh ring
	for fresh.Len() < r.Len() {
		fresh.Grow(r.Len())
	}
	for k := range count {
		*fresh.At(k) = *r.At((start + k) % r.Len())
	}
	*r = fresh
}
