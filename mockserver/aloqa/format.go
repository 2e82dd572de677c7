package aloqa

import (
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Input formats. The adapter hands raw strings over; the domain checks
// them so unit tests cover every rule.

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParsePAN accepts 16 digits, else -32304: "1234 5678 …" is refused, as
// the reference's "16-значный номер карты" is (D-20).
func ParsePAN(s string) (core.PAN, error) {
	if len(s) != 16 || !allDigits(s) {
		return "", core.Fail(CodeBadPAN)
	}
	return core.PAN(s), nil
}

// ParsePhone accepts 998 + 9 digits with or without a leading + (AQ-6) and
// returns it without +; else -32303.
func ParsePhone(s string) (string, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "+")
	if len(s) != 12 || !strings.HasPrefix(s, "998") || !allDigits(s) {
		return "", core.Fail(CodeBadPhone)
	}
	return s, nil
}

// ParseMMYY reads cards/add's expiry (AQ-2); else -32305.
func ParseMMYY(s string) (core.YearMonth, error) { return parseExpiry(s, false) }

// ParseYYMM reads the P2P recipient expiry (AQ-2); else -32305.
func ParseYYMM(s string) (core.YearMonth, error) { return parseExpiry(s, true) }

// parseExpiry reads four digits: "07/27" is -32305 (D-20).
func parseExpiry(s string, yearFirst bool) (core.YearMonth, error) {
	if len(s) != 4 || !allDigits(s) {
		return core.YearMonth{}, core.Fail(CodeBadExpiry)
	}
	a := int(s[0]-'0')*10 + int(s[1]-'0')
	b := int(s[2]-'0')*10 + int(s[3]-'0')
	yy, mm := b, a
	if yearFirst {
		yy, mm = a, b
	}
	if mm < 1 || mm > 12 { // AQ-2: validate the month
		return core.YearMonth{}, core.Fail(CodeBadExpiry)
	}
	return core.YearMonth{Year: 2000 + yy, Month: mm}, nil
}

// vendorOfBIN tells the network from the card number (8600 UZCARD, 9860
// HUMO); "" for any other BIN (-32387 where a recipient is named).
func vendorOfBIN(pan core.PAN) string {
	switch {
	case strings.HasPrefix(string(pan), "8600"):
		return core.VendorUzcard
	case strings.HasPrefix(string(pan), "9860"):
		return core.VendorHumo
	}
	return ""
}
