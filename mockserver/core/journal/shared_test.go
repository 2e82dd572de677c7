package journal

import (
	"runtime"
	"strings"
	"testing"
	"unsafe"
)

// A body recorded by reference reads back, is cut, cleaned and counted
// against the budget exactly as the same body recorded as a string.
func TestRecordSharedReadsAsRecord(t *testing.T) {
	pad := func(n int) string { return strings.Repeat("a", n) }
	bodies := []string{
		"", "{}", `{"pan":"8600000000000001"}`, pad(MaxBody), pad(MaxBody + 1), pad(3 * MaxBody),
		pad(MaxBody-1) + "жж", pad(MaxBody-10) + `"8600000000000001"`,
	}
	clean := func(s string) string { return strings.ReplaceAll(s, "8600000000000001", "860000******0001") }
	for _, req := range bodies {
		for _, resp := range bodies {
			byString, byRef := New(2, clean), New(2, clean)
			e := Entry{Path: "/p", Provider: "anorbank"}
			e.Request, e.Response = req, resp
			byString.Record(e)
			byRef.RecordShared(Entry{Path: "/p", Provider: "anorbank"}, []byte(req), []byte(resp))
			want, got := byString.List("", 1)[0], byRef.List("", 1)[0]
			if got != want {
				t.Fatalf("request %d, response %d bytes: by reference %+v, by string %+v", len(req), len(resp), got, want)
			}
			if byRef.bytes != byString.bytes {
				t.Errorf("request %d, response %d bytes: counted %d by reference, %d by string", len(req), len(resp), byRef.bytes, byString.bytes)
			}
		}
	}
}

// A kept head never pins a much larger buffer: a 1 MiB body's entry holds
// its 4 KB, while a body that fits its buffer is kept without a copy.
func TestRecordSharedPinsNoLargeBuffer(t *testing.T) {
	big := make([]byte, 1<<20)
	if k := keep(big); cap(k.b) > 2*MaxBody {
		t.Errorf("a 1 MiB body's entry pins %d bytes", cap(k.b))
	}
	small := []byte(`{"a":1}`)
	if k := keep(small); &k.b[0] != &small[0] {
		t.Error("a body that fits its buffer was copied")
	}
}

// Recording by reference allocates nothing for the bodies (issue 15: the
// two copies were a third of the sandbox's own allocations per request).
func TestRecordSharedDoesNotCopyBodies(t *testing.T) {
	j := New(8, nil)
	req, resp := []byte(strings.Repeat("q", 200)), []byte(strings.Repeat("r", 600))
	for range 8 { // the ring is grown
		j.RecordShared(Entry{}, req, resp)
	}
	allocs := testing.AllocsPerRun(100, func() { j.RecordShared(Entry{}, req, resp) })
	if allocs != 0 {
		t.Errorf("RecordShared allocated %.0f times per entry, want 0", allocs)
	}
}

// Filling a journal allocates its slots once: a ring grown by append
// copied every entry two or three times into fresh arrays while 1,000
// namespaces' journals filled (issue 15).
func TestFillingAJournalAllocatesItsSlotsOnce(t *testing.T) {
	const size, rounds = 500, 10
	req, resp := []byte("{}"), []byte("{}")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range rounds {
		j := New(size, nil)
		for range size {
			j.RecordShared(Entry{}, req, resp)
		}
	}
	runtime.ReadMemStats(&after)
	slots := uint64(size) * uint64(unsafe.Sizeof(stored{}))
	if got := (after.TotalAlloc - before.TotalAlloc) / rounds; got > slots+slots/8 {
		t.Errorf("filling a journal of %d entries allocated %d bytes, want at most %d (its slots, %d bytes, and a little)", size, got, slots+slots/8, slots)
	}
}
