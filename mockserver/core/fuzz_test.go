package core

import (
	"strings"
	"testing"
)

func FuzzMaskPANsInText(f *testing.F) {
	f.Add(`{"pan":"8600000000000001","phone":"998901234567"}`)
	f.Add(`9860123412341234 and 86001234567890123456`)
	f.Add(`{"password":"x\\","access_token":"`)
	f.Fuzz(func(t *testing.T, s string) {
		if r := string(RedactSecrets([]byte(s))); strings.Contains(s, `"password":"`) && strings.Contains(r, `"password":"`) && !strings.Contains(r, `"password":"***`) {
			t.Fatalf("password value kept: %q -> %q", s, r)
		}
		out := string(MaskPANsInText([]byte(s)))
		if len(out) != len(s) {
			t.Fatalf("length changed: %q -> %q", s, out)
		}
		// No run of 16..19 digits survives unmasked.
		run := 0
		for i := 0; i <= len(out); i++ {
			if i < len(out) && out[i] >= '0' && out[i] <= '9' {
				run++
				continue
			}
			if run >= 16 && run <= 19 {
				t.Fatalf("unmasked PAN-length run in %q", out)
			}
			run = 0
		}
		if !strings.Contains(s, "*") && strings.Count(out, "*") > 0 && out == s {
			t.Fatal("impossible")
		}
	})
}
