// Command certcheck checks a certification report against what Ginkgo ran:
// the counts in certification.json must equal those in Ginkgo's own JSON
// report (--json-report), and each provider must have the wanted status.
// With -drift, -contract-drift or -fake-drift it also reads drift.json.
// scripts/live-smoke.sh runs it after each live run.
//
//	go run ./scripts/certcheck -dir reports/live -ginkgo reports/live/ginkgo.json -want anorbank=certified,aloqa=certified
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/onsi/ginkgo/v2/types"
)

type counts struct{ Run, Passed, Failed, Skipped int }

type report struct {
	Result    string `json:"result"`
	Totals    counts `json:"totals"`
	Providers []struct {
		Name   string `json:"name"`
		Status string `json:"status"`
		counts
		Skips    []struct{ Spec, Reason string }             `json:"skips"`
		Failures []struct{ Spec, Message, Exchanges string } `json:"failures"`
	} `json:"providers"`
}

// checker collects what is wrong with one report.
type checker struct {
	dir      string
	rep      report
	status   map[string]string
	problems []string
}

func (c *checker) fail(f string, a ...any) { c.problems = append(c.problems, fmt.Sprintf(f, a...)) }

func main() {
	dir := flag.String("dir", "reports/live", "directory holding certification.json")
	gk := flag.String("ginkgo", "", "Ginkgo's --json-report file to compare counts with (none: skip)")
	want := flag.String("want", "", "provider=status,... each provider's wanted status")
	result := flag.String("result", "", "wanted result, PASS or FAIL (empty: any)")
	failedWith := flag.String("failed-with", "", "provider:text, a failure of provider whose message or exchanges mention text")
	violation := flag.String("violation", "", "operation:text, a line of exchanges.jsonl whose operation is operation and violation mentions text")
	var drifts driftFlags
	flag.Var(&drifts, "drift", `"provider operation pointer kind": drift.json must name it (repeatable)`)
	contractDrift := flag.Int("contract-drift", -1, "drift.json must count exactly this many entries against the contract (-1: any)")
	fakeDrift := flag.Int("fake-drift", -1, "drift.json must count exactly this many entries against the fake (-1: any)")
	flag.Parse()

	c := &checker{dir: *dir, status: map[string]string{}}
	data, err := os.ReadFile(filepath.Join(*dir, "certification.json"))
	if err == nil {
		err = json.Unmarshal(data, &c.rep)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "certcheck:", err)
		os.Exit(2)
	}
	if *result != "" && c.rep.Result != *result {
		c.fail("result %s, want %s", c.rep.Result, *result)
	}
	c.checkCounts()
	c.checkStatuses(*want)
	if *failedWith != "" {
		c.checkFailedWith(*failedWith)
	}
	if *violation != "" {
		c.checkViolation(*violation)
	}
	if *gk != "" {
		c.checkGinkgo(*gk)
	}
	if len(drifts) > 0 || *contractDrift >= 0 || *fakeDrift >= 0 {
		c.checkDrift(drifts, *contractDrift, *fakeDrift)
	}
	if len(c.problems) > 0 {
		fmt.Fprintln(os.Stderr, "certcheck: "+filepath.Join(*dir, "certification.json")+":\n  "+strings.Join(c.problems, "\n  "))
		os.Exit(1)
	}
	fmt.Printf("certcheck: %s %s, %+v, statuses %v\n", *dir, c.rep.Result, c.rep.Totals, c.status)
}

// checkCounts: each provider's counts add up, every skip has a reason, and
// the providers add up to the totals.
func (c *checker) checkCounts() {
	var sum counts
	for _, p := range c.rep.Providers {
		c.status[p.Name] = p.Status
		sum.Run += p.Run
		sum.Passed += p.Passed
		sum.Failed += p.Failed
		sum.Skipped += p.Skipped
		if p.Run != p.Passed+p.Failed {
			c.fail("%s: run %d != passed %d + failed %d", p.Name, p.Run, p.Passed, p.Failed)
		}
		if len(p.Skips) != p.Skipped {
			c.fail("%s: %d skipped but %d listed", p.Name, p.Skipped, len(p.Skips))
		}
		for _, s := range p.Skips {
			if strings.TrimSpace(s.Reason) == "" {
				c.fail("%s: %q skipped with no reason", p.Name, s.Spec)
			}
		}
	}
	if sum != c.rep.Totals {
		c.fail("providers add up to %+v, totals say %+v", sum, c.rep.Totals)
	}
}

func (c *checker) checkStatuses(want string) {
	for _, kv := range strings.Split(want, ",") {
		if kv == "" {
			continue
		}
		name, st, _ := strings.Cut(kv, "=")
		if c.status[name] != st {
			c.fail("%s is %q, want %q", name, c.status[name], st)
		}
	}
}

func (c *checker) checkFailedWith(spec string) {
	name, text, _ := strings.Cut(spec, ":")
	for _, p := range c.rep.Providers {
		for _, f := range p.Failures {
			if p.Name == name && strings.Contains(f.Message+f.Exchanges, text) {
				return
			}
		}
	}
	c.fail("no failure of %s mentions %q", name, text)
}

func (c *checker) checkViolation(spec string) {
	op, text, _ := strings.Cut(spec, ":")
	data, err := os.ReadFile(filepath.Join(c.dir, "exchanges.jsonl"))
	if err != nil {
		c.fail("%v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var x struct{ Operation, Violation string }
		if json.Unmarshal([]byte(line), &x) == nil && x.Operation == op && strings.Contains(x.Violation, text) {
			return
		}
	}
	c.fail("exchanges.jsonl has no violation of %s mentioning %q", op, text)
}

// checkGinkgo: the report's totals are what Ginkgo itself ran.
func (c *checker) checkGinkgo(path string) {
	var runs []types.Report
	data, err := os.ReadFile(path)
	if err == nil {
		err = json.Unmarshal(data, &runs)
	}
	if err != nil || len(runs) != 1 {
		fmt.Fprintln(os.Stderr, "certcheck: ginkgo report:", err, len(runs))
		os.Exit(2)
	}
	var g counts
	for _, s := range runs[0].SpecReports {
		if s.LeafNodeType != types.NodeTypeIt {
			continue
		}
		switch {
		case s.State.Is(types.SpecStatePassed):
			g.Run++
			g.Passed++
		case s.State.Is(types.SpecStateSkipped | types.SpecStatePending):
			g.Skipped++
		default:
			g.Run++
			g.Failed++
		}
	}
	if g != c.rep.Totals {
		c.fail("Ginkgo ran %+v, the report says %+v", g, c.rep.Totals)
	}
}
