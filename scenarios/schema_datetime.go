package scenarios

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// checkDateTime is format: date-time (RFC 3339 section 5.6) as
// jsonschema/v6 asserts it, with its reasons, so a bad clock start or
// statement date is reported as before.
func checkDateTime(s string) error {
	if len(s) < 20 { // yyyy-mm-ddThh:mm:ssZ
		return errors.New("less than 20 characters long")
	}
	if s[10] != 't' && s[10] != 'T' {
		return errors.New("11th character must be t or T")
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return errors.New("invalid date element: " + err.Error())
	}
	if err := checkTime(s[11:]); err != nil {
		return errors.New("invalid time element: " + err.Error())
	}
	return nil
}

// checkTime is RFC 3339's full-time: hh:mm:ss[.frac](Z|±hh:mm), with a
// leap second only at 23:59 UTC.
func checkTime(s string) error {
	if len(s) < 9 { // hh:mm:ssZ
		return errors.New("less than 9 characters long")
	}
	if s[2] != ':' || s[5] != ':' {
		return errors.New("missing colon in correct place")
	}
	var hms [3]int
	for i, tok := range strings.SplitN(s[:8], ":", 3) {
		n, err := strconv.Atoi(tok)
		if err != nil {
			return errors.New("invalid hour/min/sec")
		}
		if n < 0 {
			return errors.New("non-positive hour/min/sec")
		}
		hms[i] = n
	}
	h, m, sec := hms[0], hms[1], hms[2]
	if h > 23 || m > 59 || sec > 60 {
		return errors.New("hour/min/sec out of range")
	}
	s = s[8:]
	if frac, ok := strings.CutPrefix(s, "."); ok {
		digits := 0
		for digits < len(frac) && frac[digits] >= '0' && frac[digits] <= '9' {
			digits++
		}
		if digits == 0 {
			return errors.New("no digits in second fraction")
		}
		s = frac[digits:]
	}
	if s != "z" && s != "Z" {
		minutes, err := inUTC(h*60+m, s)
		if err != nil {
			return err
		}
		h, m = minutes/60, minutes%60
	}
	if sec >= 60 && (h != 23 || m != 59) {
		return errors.New("invalid leap second")
	}
	return nil
}

// inUTC moves a local time of day (minutes) by the offset ±hh:mm.
func inUTC(minutes int, offset string) (int, error) {
	if len(offset) != 6 {
		return 0, errors.New("offset must be 6 characters long")
	}
	var sign int
	switch offset[0] {
	case '+':
		sign = -1
	case '-':
		sign = +1
	default:
		return 0, errors.New("offset must begin with plus/minus")
	}
	offset = offset[1:]
	if offset[2] != ':' {
		return 0, errors.New("missing colon in offset in correct place")
	}
	var hm [2]int
	for i, tok := range strings.SplitN(offset, ":", 2) {
		n, err := strconv.Atoi(tok)
		if err != nil {
			return 0, errors.New("invalid hour/min in offset")
		}
		if n < 0 {
			return 0, errors.New("non-positive hour/min in offset")
		}
		hm[i] = n
	}
	if hm[0] > 23 || hm[1] > 59 {
		return 0, errors.New("hour/min in offset out of range")
	}
	minutes += sign * (hm[0]*60 + hm[1])
	if minutes < 0 {
		minutes += 24 * 60
	}
	return minutes, nil
}
