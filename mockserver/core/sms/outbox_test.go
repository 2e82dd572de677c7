package sms

import (
	"runtime"
	"testing"
	"unsafe"
)

func TestOutboxNewestFirstBoundedAndByPhone(t *testing.T) {
	o := NewOutbox(2)
	o.Send(Message{Phone: "998901234567", Code: "1"})
	o.Send(Message{Phone: "998907654321", Code: "2"})
	o.Send(Message{Phone: "998901234567", Code: "3"})
	all := o.List("")
	if len(all) != 2 || all[0].Code != "3" || all[1].Code != "2" {
		t.Fatalf("got %+v", all)
	}
	if got := o.List("+998901234567"); len(got) != 1 || got[0].Code != "3" {
		t.Fatalf("by phone with +: %+v", got)
	}
	for i := 4; i <= 7; i++ {
		o.Send(Message{Phone: "998901234567", Code: string(rune('0' + i))})
	}
	if all := o.All(); len(all) != 2 || all[0].Code != "6" || all[1].Code != "7" {
		t.Fatalf("ring order: %+v", all)
	}
	o.Load([]Message{{Code: "a"}, {Code: "b"}, {Code: "c"}})
	if all := o.List(""); len(all) != 2 || all[0].Code != "c" || all[1].Code != "b" {
		t.Fatalf("after load: %+v", all)
	}
}

// Filling an outbox allocates its slots once (issue 15: grown by append,
// it copied its messages two or three times while it filled, in each of
// 1,000 namespaces at once).
func TestFillingAnOutboxAllocatesItsSlotsOnce(t *testing.T) {
	const size, rounds = 1000, 10
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range rounds {
		o := NewOutbox(size)
		for range size {
			o.Send(Message{Code: "1"})
		}
	}
	runtime.ReadMemStats(&after)
	slots := uint64(size) * uint64(unsafe.Sizeof(Message{}))
	if got := (after.TotalAlloc - before.TotalAlloc) / rounds; got > slots+slots/8 {
		t.Errorf("filling an outbox of %d messages allocated %d bytes, want at most %d", size, got, slots+slots/8)
	}
}
