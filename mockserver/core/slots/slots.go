// Package slots is a growable array that never moves what it holds: it
// grows by blocks of 1, 2, 4, 8, ... slots. A bounded history (the
// journal, the SMS outbox) that grew by append copied each element two or
// three times into fresh arrays while it filled: with 1,000 namespaces
// filling at once, a tenth of a request's CPU (issue 15). Standard
// library only.
package slots

import "math/bits"

// Slots is the array; the zero value has no slots.
type Slots[T any] struct {
	blocks [][]T
	n      int
}

// Len is the number of slots.
func (s *Slots[T]) Len() int { return s.n }

// At is slot i, 0 <= i < Len().
func (s *Slots[T]) At(i int) *T {
	b := bits.Len(uint(i+1)) - 1 // block b holds slots 2^b-1 ... 2^(b+1)-2
	return &s.blocks[b][i-(1<<b-1)]
}

// Grow adds the next block, cut so that there are at most max slots; it
// adds none when there are max already. A block cut by an earlier, smaller
// max is completed first (copied once: slot i must stay in block
// log2(i+1)).
func (s *Slots[T]) Grow(max int) {
	if k := len(s.blocks) - 1; k >= 0 && len(s.blocks[k]) < 1<<k {
		size := min(1<<k, len(s.blocks[k])+max-s.n)
		if size > len(s.blocks[k]) {
			grown := make([]T, size)
			copy(grown, s.blocks[k])
			s.n += size - len(s.blocks[k])
			s.blocks[k] = grown
		}
		return
	}
	size := min(1<<len(s.blocks), max-s.n)
	if size <= 0 {
		return
	}
	s.blocks = append(s.blocks, make([]T, size))
	s.n += size
}
