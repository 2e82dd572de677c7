package core

import (
	"strings"
	"testing"
)

// Issue 13.9: every spelling of a card number and every secret a request
// can carry is cleaned before a human sees it.
func TestCleanForHumans(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"plain PAN in JSON", `{"pan":"8600000000000001","phone":"998901234567"}`, `{"pan":"860000******0001","phone":"998901234567"}`},
		{"PAN with spaces", `{"pan":"8600 0000 1234 0001"}`, `{"pan":"8600 00** **** 0001"}`},
		{"PAN with dashes", `{"pan":"8600-0000-1234-0001"}`, `{"pan":"8600-00**-****-0001"}`},
		{"PAN as JSON escapes", `{"pan":"\u0038600000012340001"}`, `{"pan":"860000******0001"}`},
		{"PAN as a number", `{"card":8600000012340001}`, `{"card":860000******0001}`},
		{"escaped secret key", `{"pass\u0077ord":"hunter2","username":"u"}`, `{"password":"***","username":"u"}`},
		{"tokens and codes", `{"token":"tok-123","otp":"123456","confirmedCode":"4321","access_token":"a","refreshToken":"r"}`,
			`{"token":"***","otp":"***","confirmedCode":"***","access_token":"***","refreshToken":"***"}`},
		{"secret as a number", `{"otp":123456}`, `{"otp":"***"}`},
		{"secret as an object", `{"password":{"a":[1,2]},"n":1}`, `{"password":"***","n":1}`},
		{"nested", `{"params":{"otp":"1","card":{"pan":"9860000000000001"}},"list":[{"token":"x"},"8600000000000001"]}`,
			`{"params":{"otp":"***","card":{"pan":"986000******0001"}},"list":[{"token":"***"},"860000******0001"]}`},
		{"truncated body", `{"password":"x","pan":"8600000000000001","phone":"99890` + "…(truncated)", `{"password":"***","pan":"860000******0001","phone":"99890…(truncated)`},
		{"truncated inside a PAN", `{"password":"x","pan":"8600 0000 0000 00`, `{"password":"***","pan":"8600 0000 0000 00`},
		{"query string", `/x?pan=8600000000000001&phone=998901234567`, `/x?pan=860000******0001&phone=998901234567`},
		{"request id with a PAN", `req-8600000000000001`, `req-860000******0001`},
		{"account numbers stay", `{"account":"20208000900000033333","mfo":"00873"}`, `{"account":"20208000900000033333","mfo":"00873"}`},
		{"phone with spaces stays", `+998 90 123 45 67`, `+998 90 123 45 67`},
		{"not JSON", `{"pan":`, `{"pan":`},
		{"empty", ``, ``},
		{"19 digits", `19 digits 8600123456789012345`, `19 digits 860012*********2345`},
		{"tokens in an answer", `{"result":{"access_token":"eyJ.a.b","refresh_token": "eyJ.c.d","expires_in":1}}`,
			`{"result":{"access_token":"***","refresh_token":"***","expires_in":1}}`},
		{"escaped quote in a secret", `{"refreshToken":"x\"y"}`, `{"refreshToken":"***"}`},
		{"not a secret", `{"billId":1}`, `{"billId":1}`},
		{"secret cut short", `{"password":"unterminated`, `{"password":"***"`},
		{"secret cut before its value", `{"username":"u","password":`, `{"username":"u","password":`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CleanForHumans(tc.in); got != tc.want {
				t.Errorf("CleanForHumans(%s)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func FuzzCleanForHumans(f *testing.F) {
	for _, s := range []string{`{"pan":"8600000000000001"}`, `{"pass\u0077ord":"x"}`, `[1,{"otp":[{}]}]`, `8600 0000 0000 0001`, `\u0038600000000000001`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanForHumans(s)
		if strings.Contains(s, `"password":"hunter2"`) && strings.Contains(out, "hunter2") {
			t.Fatalf("password kept: %q -> %q", s, out)
		}
		run := 0
		for i := 0; i <= len(out); i++ {
			if i < len(out) && out[i] >= '0' && out[i] <= '9' {
				run++
				continue
			}
			if run >= 16 && run <= 19 {
				t.Fatalf("unmasked PAN-length run: %q -> %q", s, out)
			}
			run = 0
		}
	})
}
