package rules

import (
	"fmt"
	"slices"
	"strings"
)

// why says, for the user, which rule answered and on what facts:
// `rule "pay-drops" matched amount gte 500000` or `fault armed through
// POST /__admin/faults (error "-32318")`.
func (a *entry) why(armed bool) string {
	var b strings.Builder
	r := &a.rule
	if armed {
		b.WriteString("fault armed through POST /__admin/faults")
		if r.Name != "" {
			fmt.Fprintf(&b, " %q", r.Name)
		}
	} else {
		fmt.Fprintf(&b, "scenario rule %q", r.Name)
	}
	if len(r.Match) > 0 {
		keys := make([]string, 0, len(r.Match))
		for k := range r.Match {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteString(" matched")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(" and")
			}
			fmt.Fprintf(&b, " %s %s", k, r.Match[k].describe())
		}
	}
	switch {
	case r.Error != "":
		fmt.Fprintf(&b, ": answers %q", r.Error)
	case r.Fault != "":
		fmt.Fprintf(&b, ": fault %s", r.Fault)
	case r.Delay > 0:
		fmt.Fprintf(&b, ": delay %s", r.Delay)
	}
	return b.String()
}

func (m Matcher) describe() string {
	op := m.Op
	if op == "" {
		op = "eq"
	}
	if m.List != nil {
		return fmt.Sprintf("%s %v", op, m.List)
	}
	if op == "exists" {
		return op
	}
	return fmt.Sprintf("%s %v", op, m.Value)
}
