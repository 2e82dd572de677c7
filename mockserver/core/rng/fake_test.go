package rng

import (
	"math"
	"testing"

	"github.com/brianvoe/gofakeit/v6"
)

// Fake replaced gofakeit in Anor Bank's domain: on the same seeded stream
// every draw must be the one gofakeit gave, in every mix and order (seeded
// ids, tokens and restored snapshots depend on it).
func TestFakeDrawsAsGofakeit(t *testing.T) {
	ranges := []struct{ min, max int }{
		{100000000, 500000000}, {1000000000, 1900000000}, {500000000, 900000000},
		{100000000, 999999999}, {1000000000, 1999999999}, // what anorbank draws
		{7, 7}, {9, 3}, {-5, 5}, {0, math.MaxInt}, {math.MinInt, math.MaxInt}, {math.MinInt / 2, math.MaxInt},
	}
	for seed := int64(0); seed < 50; seed++ {
		ours := NewFake(New(seed, 3))
		theirs := gofakeit.NewCustom(New(seed, 3))
		for i := range 200 {
			var got, want any
			switch r := ranges[i%len(ranges)]; (i + int(seed)) % 3 {
			case 0:
				got, want = ours.Number(r.min, r.max), theirs.Number(r.min, r.max)
			case 1:
				got, want = ours.Uint8(), theirs.Uint8()
			default:
				got, want = ours.UUID(), theirs.UUID()
			}
			if got != want {
				t.Fatalf("seed %d, draw %d: got %v, gofakeit %v", seed, i, got, want)
			}
		}
	}
}
