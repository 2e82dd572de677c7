package rng

import (
	"encoding/json"
	"testing"
)

// A restored source continues the stream where the saved one stood: the
// draws after a restore are the draws the original would have made next.
func TestRestoreContinuesTheStream(t *testing.T) {
	orig := New(42, 7)
	for range 1000 {
		orig.Uint64()
	}
	saved, err := json.Marshal(orig)
	if err != nil {
		t.Fatal(err)
	}
	var restored Source
	if err := json.Unmarshal(saved, &restored); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		if got, want := restored.Uint64(), orig.Uint64(); got != want {
			t.Fatalf("draw %d after restore = %d, want %d", i, got, want)
		}
	}
}

func TestStreamsDiffer(t *testing.T) {
	a, b, again := New(1, 1), New(1, 2), New(1, 1)
	if a.Uint64() == b.Uint64() {
		t.Error("two streams of one seed start alike")
	}
	if New(1, 1).Digits(12) != again.Digits(12) {
		t.Error("the same seed and stream gave different digits")
	}
}

func TestDigits(t *testing.T) {
	d := New(3, 3).Digits(500)
	if len(d) != 500 {
		t.Fatalf("len = %d", len(d))
	}
	seen := map[rune]bool{}
	for _, r := range d {
		if r < '0' || r > '9' {
			t.Fatalf("non-digit %q", r)
		}
		seen[r] = true
	}
	if len(seen) != 10 {
		t.Errorf("500 digits used only %d of 10 values", len(seen))
	}
}

func TestUnmarshalRejectsGarbage(t *testing.T) {
	for _, in := range []string{`12`, `"zz"`, `"00"`} {
		var s Source
		if err := json.Unmarshal([]byte(in), &s); err == nil {
			t.Errorf("Unmarshal(%s) accepted", in)
		}
	}
}
