package scenarios

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// check runs the semantic checks the schema cannot express.
func check(s *Scenario, c Checks) []Problem {
	var out []Problem
	add := func(path, format string, args ...any) {
		out = append(out, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if s.Settings.Clock.Start != "now" {
		if _, err := time.Parse(time.RFC3339, s.Settings.Clock.Start); err != nil {
			add("/settings/clock/start", "want \"now\" or an RFC 3339 time")
		}
	}
	seen := map[string]int{}
	for i, card := range s.Cards {
		path := fmt.Sprintf("/cards/%d", i)
		if j, dup := seen[card.PAN]; dup {
			add(path+"/pan", "duplicate PAN (also /cards/%d)", j)
		}
		seen[card.PAN] = i
		if bin := vendorOf(card.PAN); bin != "" && card.Vendor != bin {
			add(path+"/vendor", "%s does not match the BIN of %s (%s)", card.Vendor, card.PAN[:4], bin)
		}
		if card.Vendor == "" {
			add(path+"/vendor", "no vendor and the BIN is neither 8600 (UZCARD) nor 9860 (HUMO)")
		}
	}
	for _, f := range []struct {
		path string
		pct  string
	}{
		{"/aloqa/fees/uzcard2uzcard", s.Aloqa.Fees.Uzcard2Uzcard},
		{"/aloqa/fees/uzcard2humo", s.Aloqa.Fees.Uzcard2Humo},
		{"/aloqa/fees/humo2uzcard", s.Aloqa.Fees.Humo2Uzcard},
		{"/aloqa/fees/humo2humo", s.Aloqa.Fees.Humo2Humo},
	} {
		if f.pct == "" {
			continue
		}
		if v, err := strconv.ParseFloat(f.pct, 64); err != nil || v > 100 {
			add(f.path, "want a percent between 0 and 100")
		}
	}
	out = append(out, checkDurations(durationsOf(s))...)
	for _, f := range []struct {
		path string
		code int
	}{
		{"/settings/requisites/duplicate_order_code", s.Settings.Requisites.DuplicateOrderCode},
		{"/settings/requisites/insufficient_balance_code", s.Settings.Requisites.InsufficientBalanceCode},
	} {
		if c.CodeKnown != nil && !c.CodeKnown("requisites", strconv.Itoa(f.code)) {
			add(f.path, "%d is not in the requisites catalogue", f.code)
		}
	}
	for i, r := range s.Rules {
		out = append(out, checkRule(fmt.Sprintf("/rules/%d", i), r, c)...)
	}
	return out
}

// checkRule runs the semantic checks of one rule, a scenario's (at
// /rules/N) or a POST /__admin/faults body (at the root).
func checkRule(path string, r Rule, c Checks) []Problem {
	var out []Problem
	add := func(path, format string, args ...any) {
		out = append(out, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if r.Error != "" && r.Fault != "" && !strings.HasPrefix(r.Fault, "apply_then") {
		add(path, "a rule has error or fault, not both")
	}
	if r.Error != "" {
		if r.Provider == "*" {
			add(path+"/provider", "an error rule names one provider (codes are per provider)")
		} else if c.CodeKnown != nil && !c.CodeKnown(r.Provider, string(r.Error)) {
			add(path+"/error", "%q is not in the %s catalogue", r.Error, r.Provider)
		}
	}
	for j, op := range r.Operation {
		if op == "*" || r.Provider == "*" || c.OperationKnown == nil {
			continue
		}
		if !c.OperationKnown(r.Provider, op) {
			add(fmt.Sprintf("%s/operation/%d", path, j), "%q is not a %s operation", op, r.Provider)
		}
	}
	if c.MatcherValid != nil {
		for key, raw := range r.Match {
			if err := c.MatcherValid(raw); err != nil {
				add(path+"/match/"+escape(key), "%v", err)
			}
		}
	}
	return append(out, checkDurations(ruleDurations(path, r))...)
}
