package journal

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestJournalIsBoundedAndNewestFirst(t *testing.T) {
	j := New(3, nil)
	for i := range 5 {
		p := "anorbank"
		if i%2 == 1 {
			p = "aloqa"
		}
		j.Record(Entry{Provider: p, Path: string(rune('a' + i))})
	}
	all := j.List("", 0)
	if len(all) != 3 || all[0].Path != "e" || all[2].Path != "c" {
		t.Fatalf("got %+v", all)
	}
	if got := j.List("aloqa", 0); len(got) != 1 || got[0].Path != "d" {
		t.Fatalf("provider filter: %+v", got)
	}
	if got := j.List("", 1); len(got) != 1 || got[0].ID != 5 {
		t.Fatalf("limit: %+v", got)
	}
}

func TestListCleansWhatItReturns(t *testing.T) {
	j := New(2, func(s string) string { return "clean:" + s })
	j.Record(Entry{Path: "/p", Request: "req", Response: "resp"})
	e := j.List("", 0)[0]
	if e.Path != "clean:/p" || e.Request != "clean:req" || e.Response != "clean:resp" {
		t.Fatalf("got %+v", e)
	}
}

// Record cuts both bodies once: exactly what Truncate gives, kept whole up
// to MaxBody, marked after.
func TestRecordTruncatesBodies(t *testing.T) {
	j := New(4, nil)
	fits := strings.Repeat("x", MaxBody)
	long := strings.Repeat("y", MaxBody+1)
	j.Record(Entry{Request: fits, Response: long})
	e := j.List("", 1)[0]
	if got, want := e.Request, fits; got != want {
		t.Errorf("a body of MaxBody bytes changed: len %d, want %d", len(got), len(want))
	}
	if got, want := e.Response, long[:MaxBody]+Truncated; got != want {
		t.Errorf("response: len %d ends %q, want len %d ends %q", len(got), tail(got), len(want), tail(want))
	}
}

func TestTruncate(t *testing.T) {
	pad := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"short", "{}", "{}"},
		{"exactly MaxBody", pad(MaxBody), pad(MaxBody)},
		{"MaxBody multibyte, fits", pad(MaxBody-2) + "ж", pad(MaxBody-2) + "ж"},
		{"one byte more", pad(MaxBody + 1), pad(MaxBody) + Truncated},
		{"far more", pad(3 * MaxBody), pad(MaxBody) + Truncated},
		// A 2-byte rune across the boundary is dropped whole.
		{"ж across the boundary", pad(MaxBody-1) + "жж", pad(MaxBody-1) + Truncated},
		{"ж ends at the boundary", pad(MaxBody-2) + "жж", pad(MaxBody-2) + "ж" + Truncated},
		// 3 bytes: the boundary may fall after its 1st or 2nd byte.
		{"€ 1/3 inside", pad(MaxBody-1) + "€€", pad(MaxBody-1) + Truncated},
		{"€ 2/3 inside", pad(MaxBody-2) + "€€", pad(MaxBody-2) + Truncated},
		{"€ ends at the boundary", pad(MaxBody-3) + "€€", pad(MaxBody-3) + "€" + Truncated},
		// 4 bytes.
		{"emoji 3/4 inside", pad(MaxBody-3) + "😀😀", pad(MaxBody-3) + Truncated},
		{"emoji 1/4 inside", pad(MaxBody-1) + "😀", pad(MaxBody-1) + Truncated},
		// Cleaning masks whole card numbers only: never leave part of one.
		{"PAN across the boundary", pad(MaxBody-10) + `"8600000000000001"`, pad(MaxBody-10) + `"` + Truncated},
		{"PAN ends at the boundary", pad(MaxBody-16) + "8600000000000001x", pad(MaxBody-16) + "8600000000000001" + Truncated},
		{"a 30-digit run is no PAN", pad(MaxBody-25) + strings.Repeat("7", 30), pad(MaxBody-25) + strings.Repeat("7", 25) + Truncated},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Truncate(tc.in)
			if got != tc.want {
				t.Errorf("Truncate: len %d ends %q, want len %d ends %q", len(got), tail(got), len(tc.want), tail(tc.want))
			}
			if !utf8.ValidString(got) {
				t.Errorf("Truncate split a character: ends %q", tail(got))
			}
		})
	}
}

// Every cut of a multibyte text near the boundary is valid UTF-8, keeps the
// marker, is a prefix of the input and loses at most one character.
func TestTruncateMultibyteAtEveryOffset(t *testing.T) {
	for _, r := range []string{"ж", "€", "😀", "oʻ"} {
		for shift := range 8 {
			in := strings.Repeat("a", MaxBody-4+shift) + strings.Repeat(r, 4)
			got := Truncate(in)
			kept, marked := strings.CutSuffix(got, Truncated)
			switch {
			case len(in) <= MaxBody && got != in:
				t.Errorf("%q shift %d: a body that fits changed", r, shift)
			case len(in) > MaxBody && !marked:
				t.Errorf("%q shift %d: no marker, ends %q", r, shift, tail(got))
			case !utf8.ValidString(got):
				t.Errorf("%q shift %d: split a character, ends %q", r, shift, tail(got))
			case !strings.HasPrefix(in, kept) || len(kept) > MaxBody || len(kept) < MaxBody-utf8.UTFMax+1:
				t.Errorf("%q shift %d: kept %d bytes", r, shift, len(kept))
			}
		}
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add(strings.Repeat("ж", MaxBody), 3)
	f.Add(strings.Repeat("8", MaxBody+5), 0)
	f.Fuzz(func(t *testing.T, s string, pad int) {
		s = strings.Repeat("a", pad&0xfff) + s
		got := Truncate(s)
		if len(s) <= MaxBody {
			if got != s {
				t.Fatalf("a body that fits changed")
			}
			return
		}
		kept, marked := strings.CutSuffix(got, Truncated)
		if !marked || !strings.HasPrefix(s, kept) || len(kept) > MaxBody {
			t.Fatalf("cut %d bytes of %d, marked %v", len(kept), len(s), marked)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("split a character: %q", tail(got))
		}
	})
}

func tail(s string) string { return s[max(0, len(s)-24):] }

// Issue 13.2: every journaled field is bounded, not only bodies.
func TestRecordBoundsEveryField(t *testing.T) {
	j := New(10, nil)
	huge := strings.Repeat("q", 900<<10)
	j.Record(Entry{Method: huge, Path: "/x?" + huge, RequestID: huge, Why: huge, Violation: huge, Rule: huge, Operation: huge, ErrorCode: huge})
	e := j.List("", 1)[0]
	for name, got := range map[string]string{"path": e.Path, "why": e.Why, "violation": e.Violation} {
		if len(got) > MaxLine+len(Truncated) || !strings.HasSuffix(got, Truncated) {
			t.Errorf("%s kept %d bytes", name, len(got))
		}
	}
	for name, got := range map[string]string{"request id": e.RequestID, "method": e.Method, "rule": e.Rule, "operation": e.Operation, "error code": e.ErrorCode} {
		if len(got) > MaxWord+len(Truncated) {
			t.Errorf("%s kept %d bytes", name, len(got))
		}
	}
}

// The journal keeps the newest entries that fit both its size and its byte
// budget, newest first, whatever the order of sizes (checked against a model).
// Larger sizes take the ring through several blocks, and a budget that
// evicts before the size is reached makes it grow after it wrapped.
func TestJournalKeepsTheNewestWithinSizeAndBudget(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 600 {
		maxSize, maxBody, entries := 8, MaxBody, 40
		if round%3 != 0 {
			maxSize, maxBody, entries = 80, 600, 240
		}
		size, budget := 1+rng.IntN(maxSize), 300+rng.IntN(20_000)
		j := New(size, nil)
		j.SetBudget(budget)
		var all []Entry
		for i := range rng.IntN(entries) {
			e := Entry{RequestID: fmt.Sprint(i), Request: strings.Repeat("b", rng.IntN(maxBody))}
			j.Record(e)
			all = append(all, e)
		}
		var want []string // newest first: as many as fit both bounds
		used := 0
		for k := len(all) - 1; k >= 0 && len(want) < size; k-- {
			c := entryBytes(&all[k])
			if used+c > budget && len(want) > 0 {
				break
			}
			used += c
			want = append(want, all[k].RequestID)
		}
		var got []string
		for _, e := range j.List("", 0) {
			got = append(got, e.RequestID)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("round %d (size %d, budget %d): kept %v, want %v", round, size, budget, got, want)
		}
		if j.bytes > budget && j.count > 1 {
			t.Fatalf("round %d: %d bytes kept over a budget of %d", round, j.bytes, budget)
		}
	}
}

func TestChangedAnnouncesTheNextRecord(t *testing.T) {
	j := New(3, nil)
	j.Record(Entry{Path: "/a"})
	ch, last := j.Changed()
	select {
	case <-ch:
		t.Fatal("closed before any new entry")
	default:
	}
	j.Record(Entry{Path: "/b"})
	select {
	case <-ch:
	default:
		t.Fatal("Record did not close the channel")
	}
	got := j.Since(last)
	if len(got) != 1 || got[0].Path != "/b" {
		t.Fatalf("Since(%d) = %+v, want the one entry /b", last, got)
	}
}

func TestSinceIsOldestFirstAcrossTheRing(t *testing.T) {
	j := New(3, nil)
	for _, p := range []string{"/1", "/2", "/3", "/4", "/5"} {
		j.Record(Entry{Path: p})
	}
	var got []string
	for _, e := range j.Since(2) {
		got = append(got, e.Path)
	}
	if want := []string{"/3", "/4", "/5"}; !slices.Equal(got, want) {
		t.Fatalf("Since(2) = %v, want %v", got, want)
	}
	if got := j.Since(5); len(got) != 0 {
		t.Fatalf("Since(last) = %v, want none", got)
	}
}

// With nobody listening, Record must not allocate a channel (the hot path).
func TestRecordWithoutListenersDoesNotAllocate(t *testing.T) {
	j := New(2, nil)
	j.Record(Entry{})
	j.Record(Entry{}) // ring full: no more growth
	if n := testing.AllocsPerRun(100, func() { j.Record(Entry{Path: "/x"}) }); n != 0 {
		t.Fatalf("Record allocates %v times per call with no listener", n)
	}
}
