package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// handlingOrder is how the report groups errors: what a client must do
// about each, the ones that need the most care first. fix-request errors
// (malformed input) are a bug in the client, not a runtime case it must
// handle, so the -min share leaves them out.
var handlingOrder = []string{"query-status", "retry", "ask-user", "give-up", "fix-request", ""}

var handlingTitle = map[string]string{
	"query-status": "query the status (the operation may have happened)",
	"retry":        "retry later",
	"ask-user":     "ask the user (another card, code or amount)",
	"give-up":      "give up and report",
	"fix-request":  "fix the request (a client bug)",
	"":             "not classified",
}

type coverageSummary struct{ met, mustHandle int }

func (s coverageSummary) percent() float64 {
	if s.mustHandle == 0 {
		return 100
	}
	return 100 * float64(s.met) / float64(s.mustHandle)
}

// mustHandle: an error a correct client can meet at run time.
func mustHandle(e sandbox.ErrorCoverage) bool { return e.Handling != "fix-request" }

func summarize(rep *sandbox.CoverageReport) coverageSummary {
	var s coverageSummary
	for _, p := range rep.Providers {
		for _, e := range p.Errors {
			if mustHandle(e) {
				s.mustHandle++
				if e.Count > 0 {
					s.met++
				}
			}
		}
	}
	return s
}

// sortedErrors: never met first, then by handling group, then catalogue order.
func sortedErrors(p sandbox.ProviderCoverage) []sandbox.ErrorCoverage {
	out := slices.Clone(p.Errors)
	rank := func(h string) int { return slices.Index(handlingOrder, h) }
	slices.SortStableFunc(out, func(a, b sandbox.ErrorCoverage) int {
		if am, bm := a.Count > 0, b.Count > 0; am != bm {
			if am {
				return 1
			}
			return -1
		}
		return cmp.Compare(rank(a.Handling), rank(b.Handling))
	})
	return out
}

// faultBody is the control-API request that makes the next call of the
// provider answer code: the trigger that always works.
func faultBody(provider, code string) string {
	b, _ := json.Marshal(map[string]any{"provider": provider, "error": code, "times": 1})
	return string(b)
}

func renderCoverage(rep *sandbox.CoverageReport, s coverageSummary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Error coverage\n\nNamespaces: %s (counted since %s)\n\n", strings.Join(rep.Namespaces, ", "), rep.Since)
	fmt.Fprintf(&b, "**%d of %d errors a client must handle met (%.1f%%).** Errors of the group \"fix the request\" are left out of that share.\n\n", s.met, s.mustHandle, s.percent())
	for _, p := range rep.Providers {
		fmt.Fprintf(&b, "## %s: %d of %d documented errors met\n\n", p.Provider, p.Met, p.Documented)
		b.WriteString("| met | code | status | what the client must do | answered | how to trigger it |\n|---|---|---|---|---|---|\n")
		for _, e := range sortedErrors(p) {
			mark, answered := "never", ""
			trigger := e.Trigger
			if e.Count > 0 {
				mark, answered = "yes", fmt.Sprintf("%d× on %s (%s)", e.Count, keys(e.Operations), keys(e.Via))
			}
			if e.Count == 0 {
				trigger = strings.TrimSpace(trigger + "; or `POST /__admin/faults " + faultBody(p.Provider, e.Code) + "`")
			}
			fmt.Fprintf(&b, "| %s | `%s` %s | %d | %s | %s | %s |\n", mark, e.Code, cell(e.Message), e.Status,
				handlingTitle[e.Handling], answered, cell(trigger))
		}
		b.WriteString("\n| operation | successes | documented errors |\n|---|---|---|\n")
		for _, o := range p.Operations {
			fmt.Fprintf(&b, "| %s | %d | %d |\n", o.Operation, o.Successes, o.Errors)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func keys(m map[string]int) string {
	ks := make([]string, 0, len(m))
	for k, n := range m {
		ks = append(ks, fmt.Sprintf("%s %d", k, n))
	}
	slices.Sort(ks)
	return strings.Join(ks, ", ")
}

func cell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") }
