package slots

import "testing"

// Every slot is its own, keeps what was stored in it while the array
// grows (nothing is moved), and the last block is cut to the bound.
func TestSlotsGrowWithoutMoving(t *testing.T) {
	for _, max := range []int{1, 2, 3, 7, 8, 100, 500, 1000} {
		var s Slots[int]
		var ptrs []*int
		for s.Len() < max {
			before := s.Len()
			s.Grow(max)
			if s.Len() <= before || s.Len() > max {
				t.Fatalf("max %d: Grow went from %d to %d slots", max, before, s.Len())
			}
			for i := before; i < s.Len(); i++ {
				*s.At(i) = i
				ptrs = append(ptrs, s.At(i))
			}
		}
		s.Grow(max)
		if s.Len() != max {
			t.Fatalf("max %d: grew past it to %d", max, s.Len())
		}
		for i, p := range ptrs {
			if p != s.At(i) || *p != i {
				t.Fatalf("max %d: slot %d moved or changed (%d)", max, i, *p)
			}
		}
	}
}

// A bound that rises (Grow(3), then Grow(10)) completes the cut block
// before adding the next: every slot stays addressable and keeps its value.
func TestSlotsBoundRaised(t *testing.T) {
	var s Slots[int]
	for _, max := range []int{3, 5, 5, 6, 20, 21, 40} {
		for s.Len() < max {
			before := s.Len()
			s.Grow(max)
			for i := before; i < s.Len(); i++ {
				*s.At(i) = i
			}
		}
		for i := range s.Len() {
			if *s.At(i) != i {
				t.Fatalf("after growing to %d: slot %d holds %d", max, i, *s.At(i))
			}
		}
	}
}
