package requisites

import (
	"container/heap"
	"time"
)

// settleQueue holds the Введен orders that will settle, earliest SettleAt
// first (ties in creation order). Settling looks only at the orders that
// are due, so a payment costs the same with a million orders pending as
// with none; a list scanned on every call made each payment O(pending).
type settleQueue struct {
	items []queued
	seq   int64
}

type queued struct {
	o   *Order
	seq int64
}

// push adds an order that has a final status to reach.
func (q *settleQueue) push(o *Order) {
	q.seq++
	heap.Push((*orderHeap)(q), queued{o, q.seq})
}

// settleDue pops every order due at now, in SettleAt order, and hands it to
// settle.
func (q *settleQueue) settleDue(now time.Time, settle func(*Order)) {
	for len(q.items) > 0 && !now.Before(q.items[0].o.SettleAt) {
		settle(heap.Pop((*orderHeap)(q)).(queued).o)
	}
}

// orderHeap is the queue as container/heap sees it.
type orderHeap settleQueue

func (h *orderHeap) Len() int { return len(h.items) }
func (h *orderHeap) Less(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if !a.o.SettleAt.Equal(b.o.SettleAt) {
		return a.o.SettleAt.Before(b.o.SettleAt)
	}
	return a.seq < b.seq
}
func (h *orderHeap) Swap(i, j int) { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *orderHeap) Push(x any)    { h.items = append(h.items, x.(queued)) }
func (h *orderHeap) Pop() any {
	last := h.items[len(h.items)-1]
	h.items[len(h.items)-1] = queued{}
	h.items = h.items[:len(h.items)-1]
	return last
}
