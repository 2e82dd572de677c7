package anorbank

import "testing"

// ParseExpiry is lenient (AN-5); leniency is where panics hide.
func FuzzParseExpiry(f *testing.F) {
	for _, s := range []string{"0727", "2707", "1399", "", "0", "ab12", "00000", "\xff\xfe12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ym, ok := ParseExpiry(s)
		if ok && (ym.Month < 1 || ym.Month > 12 || ym.Year < 2000 || ym.Year > 2099) {
			t.Fatalf("ParseExpiry(%q) = %+v", s, ym)
		}
		if ok {
			// what parses as MMYY round-trips to itself
			if s[0:2] >= "01" && s[0:2] <= "12" && ym.MMYY() != s {
				t.Fatalf("ParseExpiry(%q) = %+v, MMYY %q", s, ym, ym.MMYY())
			}
		}
	})
}
