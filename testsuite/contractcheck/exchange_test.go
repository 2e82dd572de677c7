package contractcheck

import (
	"strings"
	"testing"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"a 16-digit card", `{"pan":"8600123456780001"}`, `{"pan":"860012******0001"}`},
		{"a 19-digit card", `{"card":"9860123456789012345"}`, `{"card":"986012*********2345"}`},
		{"a 12-digit phone is not a card", `{"phone":"998901234567"}`, `{"phone":"998901234567"}`},
		{"short numbers stay", `{"amount":150000,"id":1234567890}`, `{"amount":150000,"id":1234567890}`},
		{"secrets", `{"password":"p@ss","secret_key":"k","access_token":"eyJ","otp":"123456","confirmedCode":"1"}`, `{"password":"***","secret_key":"***","access_token":"***","otp":"***","confirmedCode":"***"}`},
		{"spaced secrets", `{"password" : "p"}`, `{"password" : "***"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Mask([]byte(tc.in)); got != tc.want {
				t.Errorf("Mask(%s) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
	if got := Mask([]byte(strings.Repeat("a", maxBody+10))); len(got) > maxBody+len("…") {
		t.Errorf("a long body is kept whole: %d bytes", len(got))
	}
}
