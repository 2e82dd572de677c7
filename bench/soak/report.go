package main

import (
	"fmt"
	"strings"
	"time"
)

// check is one row of the verdict table.
type check struct {
	name, measured, bound string
	ok                    bool
}

// checks judges the run against the budgets.
func (r *report) checks(b budgets) []check {
	legit, calm := r.legit.all(), r.calm.all()
	health := r.health.all()
	raceOK, raceProblems := 0, []string{}
	for i, rr := range r.races {
		if rr.problem == "" {
			raceOK++
		} else if len(raceProblems) < 3 {
			raceProblems = append(raceProblems, fmt.Sprintf("round %d: %s", i+1, rr.problem))
		}
	}
	return []check{
		{"server peak RSS (VmHWM)", fmt.Sprintf("%.1f MB (idle %.1f MB)", r.peak.hwmMB, r.baseline.rssMB),
			fmt.Sprintf("≤ %.0f MB", b.rssMB), r.peak.hwmMB <= b.rssMB},
		{"legitimate answers right", fmt.Sprintf("%d wrong of %d (%d full flows), %d wrong of %d alone", legit.wrong, legit.n, r.flows, calm.wrong, calm.n),
			fmt.Sprintf("0 wrong, ≥ %d flows", b.minLegitFlows), legit.wrong+calm.wrong == 0 && r.flows >= b.minLegitFlows},
		{"legitimate latency p99", fmt.Sprintf("%s (alone before the attack: %s)", ms(legit.p99), ms(calm.p99)), "≤ " + ms(b.p99), legit.n > 0 && legit.p99 <= b.p99},
		{"legitimate latency max", fmt.Sprintf("%s (alone before the attack: %s)", ms(legit.max), ms(calm.max)), "≤ " + ms(b.max), legit.n > 0 && legit.max <= b.max},
		{"health (kept-alive) answered", fmt.Sprintf("%d wrong of %d, max %s", health.wrong, health.n, ms(health.max)),
			"all, each ≤ " + ms(b.healthMax), health.n > 0 && health.wrong == 0 && health.max <= b.healthMax},
		{"open files after the attack", fmt.Sprintf("%d (baseline %d, peak %d; settled in %s)", r.end.fds, r.baseline.fds, r.peak.fds, r.fdsSettledIn.Round(100*time.Millisecond)),
			fmt.Sprintf("≤ baseline + %d", b.fdSlack), r.end.fds <= r.baseline.fds+b.fdSlack},
		{"race card money conserved", fmt.Sprintf("%d of %d rounds %s", raceOK, len(r.races), strings.Join(raceProblems, "; ")),
			"every round, ≥ 1", (len(r.races) > 0 || !r.attacks["race"]) && raceOK == len(r.races)},
		{"namespaces by unauthenticated calls", fmt.Sprintf("%d created (of %d calls)", len(r.unauthNamespaces), r.seen.unauthNS.total()),
			"0", len(r.unauthNamespaces) == 0},
		{"live namespaces at most", fmt.Sprint(r.peakNamespaces), fmt.Sprintf("≤ %d + default", r.maxNamespaces), r.peakNamespaces <= r.maxNamespaces+1},
		{"attacks answered cleanly", fmt.Sprintf("%d unclean %s", r.seen.badAnswers.total(), strings.Join(r.seen.badFirst, " | ")),
			"0 (no 5xx but the cap's 503, all JSON)", r.seen.badAnswers.total() == 0},
		{"faults armed cross-site", cmpOrNone(r.legitFaults), "none", r.legitFaults == ""},
		r.timeoutsCut(),
		{"SIGTERM after the soak", fmt.Sprintf("exit %d %v", r.exitCode, errOrEmpty(r.exitErr)), "exit 0", r.exitCode == 0 && r.exitErr == nil},
	}
}

// print writes the measurements and the verdict table; true when every
// check passed.
func (r *report) print(b budgets) bool {
	calm := r.calm.all()
	fmt.Printf("legitimate client alone, before the attack: %d answers, %d wrong, p50 %s, p99 %s, max %s\n",
		calm.n, calm.wrong, ms(calm.p50), ms(calm.p99), ms(calm.max))
	fmt.Println("legitimate client under attack, per operation (namespace " + legitNS + "):")
	for _, line := range r.legit.lines("  ") {
		fmt.Println(line)
	}
	for _, e := range r.legit.examples() {
		fmt.Println("  wrong:", e)
	}
	fresh := r.freshProbe.all()
	fmt.Printf("\nhealth over a new connection each second (reported, not checked: a new connection waits while every -max-conns slot is held): %d failed of %d, p50 %s, p99 %s, max %s\n",
		fresh.wrong, fresh.n, ms(fresh.p50), ms(fresh.p99), ms(fresh.max))
	a := r.seen
	fmt.Printf("attacks (answers by HTTP status):\n  unauthenticated new namespaces: %s\n  logins in new namespaces:       %s\n  900 KB query / X-Request-Id:     %s\n  hostile bodies:                  %s\n  cross-site writes:               %s\n",
		a.unauthNS.String(), a.authNS.String(), a.big.String(), a.hostile.String(), a.crossSite.String())
	c := r.conns
	fmt.Printf("  connection hog: %d phases of %d connections (-max-conns %d): %d opened, %d refused, %d open at once at most; server cut %d slow bodies (the longest %.1f s after its dial, backlog wait included) and %d idle keep-alives\n",
		c.phases.Load(), r.maxConns+256, r.maxConns, c.opened.Load(), c.refused.Load(), c.peakOpen.Load(), c.slowCut.Load(), float64(c.longestSlowMS.Load())/1000, c.idleCut.Load())
	okRounds := 0
	var won, unanswered int
	for _, rr := range r.races {
		if rr.problem == "" {
			okRounds++
		}
		won += rr.ok
		unanswered += rr.unanswered
	}
	if len(r.races) > 0 {
		fmt.Printf("  races: %d rounds of %d debits of %d tiyin on one card (2.5× its balance); %.1f succeeded per round on average; %d debits unanswered within 60 s (outcome checked against the server's books)\n",
			len(r.races), raceWidth, raceAmount, float64(won)/float64(len(r.races)), unanswered)
	}
	fmt.Printf("server: RSS idle %.1f MB, peak %.1f MB (VmHWM %.1f MB), at the end %.1f MB; threads idle %d, peak %d, at the end %d\n\n",
		r.baseline.rssMB, r.peak.rssMB, r.peak.hwmMB, r.end.rssMB, r.baseline.threads, r.peak.threads, r.end.threads)

	all := true
	fmt.Printf("%-38s %-6s %-28s %s\n", "check", "result", "bound", "measured")
	for _, ch := range r.checks(b) {
		v := "ok"
		if !ch.ok {
			v, all = "FAILED", false
		}
		fmt.Printf("%-38s %-6s %-28s %s\n", ch.name, v, ch.bound, ch.measured)
	}
	if all {
		fmt.Printf("\nsoak passed (%s)\n", r.dur)
	} else {
		fmt.Printf("\nsoak FAILED (%s)\n", r.dur)
	}
	return all
}

func cmpOrNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

func errOrEmpty(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// The server's defaults, which the soak does not change.
const readTimeout, idleTimeout = 30 * time.Second, 60 * time.Second

// timeoutsCut checks that -read-timeout and -idle-timeout closed the hog's
// connections; judged only when a hog phase outlasts them.
func (r *report) timeoutsCut() check {
	c := check{name: "slow and idle connections cut", bound: "both > 0 when a phase outlasts the timeout",
		measured: fmt.Sprintf("%d slow bodies, %d idle keep-alives (phase %s; -read-timeout %s, -idle-timeout %s)",
			r.conns.slowCut.Load(), r.conns.idleCut.Load(), r.hold, readTimeout, idleTimeout)}
	slowJudged, idleJudged := r.hold >= readTimeout+10*time.Second, r.hold >= idleTimeout+10*time.Second
	c.ok = (!slowJudged || r.conns.slowCut.Load() > 0) && (!idleJudged || r.conns.idleCut.Load() > 0)
	if !slowJudged {
		c.measured += " (not judged: run too short)"
	}
	return c
}
