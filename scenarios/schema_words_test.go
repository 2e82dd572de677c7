package scenarios

import (
	"math"
	"math/rand/v2"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Bound and count messages print numbers as jsonschema/v6's English
// printer did (1,000 and 1×10¹⁸, not 1000 and 1e+18).
func TestNumbersAreWordedAsTheEnglishPrinter(t *testing.T) {
	p := message.NewPrinter(language.English)
	floats := []float64{0, 1, -1, 0.5, -0.5, 4, 10, 999, 1000, -1000, 1234.5678, 99999.5, 123456, 999999, 1e6, 1234567,
		0.0001, 0.00012, 0.00001, 1e-7, 2.5e-7, 1e18, 9.223372036854776e18, 1e21, 1.5e300, -1e300, 5e-324,
		math.MaxFloat64, math.Inf(1), math.Inf(-1), 1.0 / 3, 100.25, 12345.678}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		floats = append(floats, r.NormFloat64()*math.Pow(10, float64(r.IntN(40)-20)))
	}
	for _, f := range floats {
		if got, want := englishFloat(f), p.Sprintf("%v", f); got != want {
			t.Errorf("englishFloat(%v) = %q, the printer writes %q", f, got, want)
		}
	}
	for _, n := range []int{0, 1, 12, 999, 1000, 1001, 12345, 999999, 1000000, 1234567890, -1, -1000, math.MaxInt} {
		if got, want := englishInt(n), p.Sprintf("%d", n); got != want {
			t.Errorf("englishInt(%d) = %q, the printer writes %q", n, got, want)
		}
	}
}
