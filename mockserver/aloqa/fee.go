package aloqa

import (
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Route is a P2P route, named as its endpoint.
type Route string

const (
	Uzcard2Uzcard Route = "uzcard2uzcard"
	Uzcard2Humo   Route = "uzcard2humo"
	Humo2Uzcard   Route = "humo2uzcard"
	Humo2Humo     Route = "humo2humo"
)

// Routes lists the four routes.
var Routes = []Route{Uzcard2Uzcard, Uzcard2Humo, Humo2Uzcard, Humo2Humo}

// RouteOf names the route between two vendors.
func RouteOf(from, to string) Route {
	a, b := "uzcard", "uzcard"
	if from == core.VendorHumo {
		a = "humo"
	}
	if to == core.VendorHumo {
		b = "humo"
	}
	return Route(a + "2" + b)
}

// Vendors returns the sender and recipient vendors the route requires.
func (r Route) Vendors() (from, to string) {
	a, b, _ := strings.Cut(string(r), "2")
	return strings.ToUpper(a), strings.ToUpper(b)
}

// Fee computes the commission: amount × rate %, rounded half up to whole
// tiyin. rate is the scenario's percent string ("0.5", "1"); at most 6
// decimals are honoured. Integer arithmetic only, so no float drift.
func Fee(amount core.Tiyin, rate string) core.Tiyin {
	num, den := parsePercent(rate)
	if num == 0 || amount <= 0 {
		return 0
	}
	// fee = amount * num / (den * 100), half up.
	d := den * 100
	return core.Tiyin((int64(amount)*num + d/2) / d)
}

// parsePercent reads "1.25" as 125/100. Malformed text is 0 (the scenario
// schema has already checked it).
func parsePercent(s string) (num, den int64) {
	intPart, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if len(frac) > 6 {
		frac = frac[:6]
	}
	den = 1
	for _, part := range []string{intPart, frac} {
		for i := 0; i < len(part); i++ {
			if part[i] < '0' || part[i] > '9' {
				return 0, 1
			}
		}
	}
	for i := 0; i < len(intPart); i++ {
		num = num*10 + int64(intPart[i]-'0')
	}
	for i := 0; i < len(frac); i++ {
		num = num*10 + int64(frac[i]-'0')
		den *= 10
	}
	return num, den
}
