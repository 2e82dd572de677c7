package schema

import (
	"fmt"
	"math"
	"regexp"
	"sync"
	"time"
)

// The formats kin-openapi checks by default (openapi3/schema_formats.go),
// with its patterns and wording. A format kin does not check is dropped when
// a node is generated; one it checks that is not here refuses to generate.
var (
	formatPatterns = map[string]string{
		"byte":      `(^$|^[a-zA-Z0-9+/\-_]*=*$)`,
		"date":      `^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])$`,
		"date-time": `^[0-9]{4}-(0[1-9]|10|11|12)-(0[1-9]|[12][0-9]|3[01])T([0-1][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([0-1][0-9]|2[0-3]):[0-5][0-9])$`,
	}
	integerFormats = map[string][2]int64{
		"int32": {math.MinInt32, math.MaxInt32},
		"int64": {math.MinInt64, math.MaxInt64},
	}
	compiledFormats = map[string]*regexp.Regexp{} // on first use (start-up, issue 15)
	formatsCompiled sync.Once
)

// Implements reports whether this package checks format for a value of
// kind ("string", "integer" or "number") as kin-openapi does.
func Implements(kind, format string) bool {
	switch kind {
	case "string":
		_, ok := formatPatterns[format]
		return ok
	case "integer":
		_, ok := integerFormats[format]
		return ok
	}
	return false
}

func formatRegexp(format string) *regexp.Regexp {
	formatsCompiled.Do(func() {
		for f, p := range formatPatterns {
			compiledFormats[f] = regexp.MustCompile(p)
		}
	})
	return compiledFormats[format]
}

// stringFormatError is kin's reason for a string that fails format, or "".
func stringFormatError(format, s string) string {
	re := formatRegexp(format)
	if re == nil {
		return ""
	}
	var err error
	if !re.MatchString(s) {
		err = fmt.Errorf(`string doesn't match pattern "%s"`, re.String())
	} else if format != "byte" {
		_, err = time.Parse(time.DateOnly, s[:len(time.DateOnly)])
	}
	if err == nil {
		return ""
	}
	return fmt.Sprintf("string doesn't match the format %q (%v)", format, err)
}

// formatError is kin's reason for a number that fails format, or "": only
// integer formats are checked (kin defines no number format by default).
func formatError(format string, integer bool, f float64) string {
	if format == "" || !integer {
		return ""
	}
	r, ok := integerFormats[format]
	if !ok {
		return ""
	}
	// kin-openapi's validateIntegerFormat: a float64 outside the int64
	// range would wrap on conversion, so it is refused first.
	lo, hi := r[0], r[1]
	switch {
	case f == float64(math.MaxInt64): // has no float64 of its own: 2^63
		if hi == math.MaxInt64 {
			return ""
		}
	case f >= float64(math.MinInt64) && f < float64(math.MaxInt64):
		if i := int64(f); i >= lo && i <= hi {
			return ""
		}
	default:
		lo, hi = math.MinInt64, math.MaxInt64
	}
	err := fmt.Errorf("value should be between %v and %v", lo, hi)
	return fmt.Sprintf("integer doesn't match the format %q (%v)", format, err)
}
