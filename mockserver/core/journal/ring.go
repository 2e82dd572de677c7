package journal

import "math/bits"

// firstBlock is the size of a ring's first block; each next one is twice
// the one before.
const firstBlock = 4

// ring holds the entries in blocks of 4, 8, 16, ... slots (the last cut to
// the journal's size), added as entries come: growing never copies what is
// kept. A slice grown by append copied every entry two or three times
// while a namespace's journal filled, into fresh memory each time: with
// 1,000 namespaces filling at once, a tenth of a request's CPU (issue 15).
// Slot i is at blocks[b][i-first(b)], b the block whose range holds i.
type ring struct {
	blocks [][]stored
	n      int // slots in all blocks
}

// firstSlot is the first slot of block b: 4+8+... for the blocks before it.
func firstSlot(b int) int { return firstBlock * (1<<b - 1) }

// at is slot i, 0 <= i < r.n.
func (r *ring) at(i int) *stored {
	b := bits.Len(uint(i/firstBlock+1)) - 1
	return &r.blocks[b][i-firstSlot(b)]
}

// grow adds the next block, cut so that there are at most max slots.
func (r *ring) grow(max int) {
	size := min(firstBlock<<len(r.blocks), max-r.n)
	r.blocks = append(r.blocks, make([]stored, size))
	r.n += size
}

// reorder rebuilds the ring with the count entries that begin at slot
// start first, in order: growing a ring that wrapped (the byte budget
// evicted some entries before the journal reached its size) must not
// put the new slots in the middle of the order.
func (r *ring) reorder(start, count int) {
	var fresh ring
	for fresh.n < r.n {
		fresh.grow(r.n)
	}
	for k := range count {
		*fresh.at(k) = *r.at((start + k) % r.n)
	}
	*r = fresh
}
