package paysyshttp

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// maxSums bounds a wire amount so that tiyin never overflows.
const maxSums = 1_000_000_000_000_000

// parseSums reads a wire amount in sums (PS-4) into tiyin exactly: an
// integer or a decimal with at most two fraction digits. Anything else
// (exponent, finer fraction, negative, too big) is not ok.
func parseSums(n json.Number) (core.Tiyin, bool) {
	s := n.String()
	whole, frac, _ := strings.Cut(s, ".")
	if len(frac) > 2 || strings.ContainsAny(s, "eE+-") {
		return 0, false
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > maxSums {
		return 0, false
	}
	f := int64(0)
	if frac != "" {
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, false
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return core.Tiyin(w*100 + f), true
}

// sums renders tiyin as whole sums on the wire (PS-4): an integer when
// whole, else a decimal number.
type sums core.Tiyin

func (s sums) MarshalJSON() ([]byte, error) {
	t := int64(s)
	if t%100 == 0 {
		return strconv.AppendInt(nil, t/100, 10), nil
	}
	b := strconv.AppendInt(nil, t/100, 10)
	frac := t % 100
	b = append(b, '.', byte('0'+frac/10))
	if frac%10 != 0 {
		b = append(b, byte('0'+frac%10))
	}
	return b, nil
}
