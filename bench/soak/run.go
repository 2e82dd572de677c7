package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// report is everything a run measured.
type report struct {
	dur, hold                 time.Duration // the run; one hog phase
	maxConns, maxNamespaces   int
	baseline, peak, end       procStatus
	fdsSettledIn              time.Duration
	legit, health, freshProbe *opStats
	calm                      *opStats // the legitimate client alone, before the attack
	flows                     int
	attacks                   map[string]bool // which ran
	seen                      *attackStats
	conns                     *connStats
	races                     []raceResult
	peakNamespaces            int
	unauthNamespaces          []string // names the unauthenticated flood created (must be none)
	legitFaults               string   // faults armed in the legitimate namespace at the end
	exitCode                  int
	exitErr                   error
}

// attackNames are the attacks -attacks can pick (all by default).
var attackNames = []string{"namespaces", "big", "hostile", "crosssite", "conns", "race"}

func soak(binary string, dur time.Duration, maxConns int, attacks map[string]bool, logTo *os.File) (*report, error) {
	const maxNamespaces = 10_000 // the default, stated for the table
	srv, err := startServer(binary, logTo, "-max-conns", fmt.Sprint(maxConns), "-max-namespaces", fmt.Sprint(maxNamespaces))
	if err != nil {
		return nil, err
	}
	r := &report{attacks: attacks, dur: dur, maxConns: maxConns, maxNamespaces: maxNamespaces, legit: newOpStats(), calm: newOpStats(), health: newOpStats(),
		freshProbe: newOpStats(), seen: &attackStats{}, conns: &connStats{}}
	time.Sleep(300 * time.Millisecond)
	if r.baseline, err = readProc(srv.pid); err != nil {
		_, _ = srv.stop()
		return nil, err
	}
	fmt.Printf("soak: %s against %s (pid %d) on %s, -max-conns %d, -max-namespaces %d; attacks: %s\n",
		dur, binary, srv.pid, srv.addr, maxConns, maxNamespaces, strings.Join(slices.Sorted(maps.Keys(attacks)), ","))

	// The legitimate client binds its AloqaGateway cards before the attack.
	setup, cancelSetup := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancelSetup()
	l := &legit{base: srv.base + "/ns/" + legitNS, c: newClient(4, 10*time.Second), stats: r.calm}
	tokens := make([]string, len(legitCards))
	for i, card := range legitCards {
		if tokens[i], err = l.bindAloqa(setup, card); err != nil {
			_, _ = srv.stop()
			return nil, fmt.Errorf("legitimate client setup: %w", err)
		}
	}
	// The same client alone first: its latency without an attack, on this
	// machine as loaded now, to read the figures under attack against. (The
	// same client, so its ids go on and no order is sent twice.)
	calm, stopCalm := context.WithTimeout(context.Background(), min(15*time.Second, dur/10))
	runLegit(calm, l, tokens).Wait()
	stopCalm()
	l.stats = r.legit

	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	wg := runLegit(ctx, l, tokens)
	wg.Add(2)
	go func() { defer wg.Done(); healthProbe(ctx, srv.base, r.health, r.freshProbe) }()
	go func() { defer wg.Done(); r.sample(ctx, srv) }()
	var attackWG sync.WaitGroup
	r.startAttacks(ctx, &attackWG, srv)
	<-ctx.Done()
	attackWG.Wait()
	wg.Wait()
	l.c.CloseIdleConnections()
	r.afterAttack(srv)
	r.exitCode, r.exitErr = srv.stop()
	r.flows = r.legit.count("anor unregistered-pay")
	return r, nil
}

// runLegit runs the legitimate client's workers, one per card, until ctx ends.
func runLegit(ctx context.Context, l *legit, tokens []string) *sync.WaitGroup {
	var wg sync.WaitGroup
	for i, card := range legitCards {
		wg.Add(1)
		go func() { defer wg.Done(); l.run(ctx, card, tokens[i]) }()
	}
	return &wg
}

// startAttacks starts the attacks r.attacks names; they stop when ctx ends.
func (r *report) startAttacks(ctx context.Context, wg *sync.WaitGroup, srv *server) {
	if r.attacks["race"] {
		var mu sync.Mutex
		wg.Add(1)
		go func() {
			defer wg.Done()
			raceLoop(ctx, srv.base, 10*time.Second, func(rr raceResult) { mu.Lock(); r.races = append(r.races, rr); mu.Unlock() })
		}()
	}
	if r.attacks["namespaces"] {
		// About 93 new namespaces a second, whatever the duration: a
		// 3-minute run reaches the cap at 60 % of it; a quick run has the
		// same pace and does not reach it.
		namespaceFlood(ctx, wg, srv.base, r.maxNamespaces, max(r.dur*6/10, 108*time.Second), r.seen)
	}
	if r.attacks["big"] {
		bigLines(ctx, wg, srv.base, r.seen)
	}
	if r.attacks["hostile"] {
		hostileBodies(ctx, wg, srv.base, r.seen)
	}
	if r.attacks["crosssite"] {
		crossSite(ctx, wg, srv.base, srv.addr, r.seen)
	}
	if r.attacks["conns"] {
		// The hog starts once the race has its connections, holds long
		// enough for -read-timeout (30 s) to cut slow bodies, then rests.
		r.hold = min(75*time.Second, r.dur*4/10)
		rest := min(15*time.Second, r.dur/10)
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case <-ctx.Done():
			case <-time.After(min(10*time.Second, r.dur/10)):
				hogConns(ctx, wg, srv.addr, r.maxConns+256, r.hold, rest, r.conns)
			}
		}()
	}
}

// sample follows the server's RSS, open files and namespaces.
func (r *report) sample(ctx context.Context, srv *server) {
	for i := 0; ctx.Err() == nil; i++ {
		if p, err := readProc(srv.pid); err == nil {
			r.peak.rssMB = max(r.peak.rssMB, p.rssMB)
			r.peak.hwmMB = max(r.peak.hwmMB, p.hwmMB)
			r.peak.fds = max(r.peak.fds, p.fds)
			r.peak.threads = max(r.peak.threads, p.threads)
		}
		if i%10 == 0 {
			if names, err := namespaces(ctx, srv); err == nil {
				r.peakNamespaces = max(r.peakNamespaces, len(names))
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// oneShot is a client whose connections close after each answer.
var oneShot = &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

func namespaces(ctx context.Context, srv *server) ([]string, error) {
	a, err := do(ctx, oneShot, "GET", srv.base+"/__admin/namespaces", nil, nil)
	if err != nil {
		return nil, err
	}
	var out struct{ Namespaces []string }
	if err := json.Unmarshal(a.body, &out); err != nil {
		return nil, fmt.Errorf("namespaces: HTTP %d %.100s", a.status, a.body)
	}
	return out.Namespaces, nil
}

// afterAttack waits for the server's open files to come back near the
// baseline (every client connection is closed by now), then reads what
// the attack left: namespaces, armed faults, RSS.
func (r *report) afterAttack(srv *server) {
	t0 := time.Now()
	for {
		p, err := readProc(srv.pid)
		if err == nil {
			r.end = p
		}
		if (err == nil && p.fds <= r.baseline.fds+2) || time.Since(t0) > 45*time.Second {
			break
		}
		time.Sleep(250 * time.Millisecond)
	}
	r.fdsSettledIn = time.Since(t0)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if names, err := namespaces(ctx, srv); err == nil {
		r.peakNamespaces = max(r.peakNamespaces, len(names))
		for _, n := range names {
			if strings.HasPrefix(n, "x-") {
				r.unauthNamespaces = append(r.unauthNamespaces, n)
			}
		}
	}
	a, err := do(ctx, oneShot, "GET", srv.base+"/ns/"+legitNS+"/__admin/faults", nil, nil)
	r.legitFaults = fmt.Sprintf("%v %s", err, a.body)
	if err == nil && strings.Contains(string(a.body), `"faults":[]`) {
		r.legitFaults = ""
	}
	if p, err := readProc(srv.pid); err == nil {
		r.end = p
	}
}
