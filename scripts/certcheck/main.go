// Command certcheck checks a certification report against what Ginkgo ran:
// the counts in certification.json must equal those in Ginkgo's own JSON
// report (--json-report), and each provider must have the wanted status.
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

func main() {
	dir := flag.String("dir", "reports/live", "directory holding certification.json")
	gk := flag.String("ginkgo", "", "Ginkgo's --json-report file to compare counts with (none: skip)")
	want := flag.String("want", "", "provider=status,... each provider's wanted status")
	result := flag.String("result", "", "wanted result, PASS or FAIL (empty: any)")
	failedWith := flag.String("failed-with", "", "provider:text, a failure of provider whose message or exchanges mention text")
	violation := flag.String("violation", "", "operation:text, a line of exchanges.jsonl whose operation is operation and violation mentions text")
	flag.Parse()
	var problems []string
	fail := func(f string, a ...any) { problems = append(problems, fmt.Sprintf(f, a...)) }

	var rep report
	data, err := os.ReadFile(filepath.Join(*dir, "certification.json"))
	if err == nil {
		err = json.Unmarshal(data, &rep)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "certcheck:", err)
		os.Exit(2)
	}
	if *result != "" && rep.Result != *result {
		fail("result %s, want %s", rep.Result, *result)
	}
	status := map[string]string{}
	var sum counts
	for _, p := range rep.Providers {
		status[p.Name] = p.Status
		sum.Run += p.Run
		sum.Passed += p.Passed
		sum.Failed += p.Failed
		sum.Skipped += p.Skipped
		if p.Run != p.Passed+p.Failed {
			fail("%s: run %d != passed %d + failed %d", p.Name, p.Run, p.Passed, p.Failed)
		}
		if len(p.Skips) != p.Skipped {
			fail("%s: %d skipped but %d listed", p.Name, p.Skipped, len(p.Skips))
		}
		for _, s := range p.Skips {
			if strings.TrimSpace(s.Reason) == "" {
				fail("%s: %q skipped with no reason", p.Name, s.Spec)
			}
		}
	}
	if sum != rep.Totals {
		fail("providers add up to %+v, totals say %+v", sum, rep.Totals)
	}
	for _, kv := range strings.Split(*want, ",") {
		if kv == "" {
			continue
		}
		name, st, _ := strings.Cut(kv, "=")
		if status[name] != st {
			fail("%s is %q, want %q", name, status[name], st)
		}
	}
	if *failedWith != "" {
		name, text, _ := strings.Cut(*failedWith, ":")
		found := false
		for _, p := range rep.Providers {
			for _, f := range p.Failures {
				if p.Name == name && strings.Contains(f.Message+f.Exchanges, text) {
					found = true
				}
			}
		}
		if !found {
			fail("no failure of %s mentions %q", name, text)
		}
	}
	if *violation != "" {
		op, text, _ := strings.Cut(*violation, ":")
		data, err := os.ReadFile(filepath.Join(*dir, "exchanges.jsonl"))
		if err != nil {
			fail("%v", err)
		}
		found := false
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var x struct{ Operation, Violation string }
			if json.Unmarshal([]byte(line), &x) == nil && x.Operation == op && strings.Contains(x.Violation, text) {
				found = true
			}
		}
		if !found {
			fail("exchanges.jsonl has no violation of %s mentioning %q", op, text)
		}
	}
	if *gk != "" {
		var runs []types.Report
		data, err := os.ReadFile(*gk)
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
		if g != rep.Totals {
			fail("Ginkgo ran %+v, the report says %+v", g, rep.Totals)
		}
	}
	if len(problems) > 0 {
		fmt.Fprintln(os.Stderr, "certcheck: "+filepath.Join(*dir, "certification.json")+":\n  "+strings.Join(problems, "\n  "))
		os.Exit(1)
	}
	fmt.Printf("certcheck: %s %s, %+v, statuses %v\n", *dir, rep.Result, rep.Totals, status)
}
