package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// attackStats is what the attackers saw, by attack.
type attackStats struct {
	unauthNS, authNS, big, hostile, crossSite counter
	// badAnswers are answers that are not a clean refusal: a 5xx other
	// than the namespace cap's 503, or a body that is not a JSON envelope.
	badAnswers counter
	badFirst   []string
	mu         sync.Mutex
}

func (s *attackStats) bad(attack string, a answer, err error) {
	s.badAnswers.inc(attack)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.badFirst) < 6 {
		s.badFirst = append(s.badFirst, fmt.Sprintf("%s: %v HTTP %d %.140q", attack, err, a.status, a.body))
	}
}

// judge counts an attacker's answer by status and flags the bad ones.
// A dropped connection is counted, not flagged: the server may close a
// connection after refusing an oversize request.
func (s *attackStats) judge(ctx context.Context, attack string, c *counter, a answer, err error) {
	if ctx.Err() != nil {
		return
	}
	switch {
	case err != nil:
		c.inc("conn-error")
	case a.status >= 500 && a.status != http.StatusServiceUnavailable:
		c.inc(fmt.Sprint(a.status))
		s.bad(attack, a, nil)
	case !jsonEnvelope(a.body):
		c.inc(fmt.Sprint(a.status))
		s.bad(attack, a, nil)
	default:
		c.inc(fmt.Sprint(a.status))
	}
}

// loop runs fn in workers goroutines until ctx ends, then closes c's
// connections (the leak check expects every client connection closed).
func loop(ctx context.Context, wg *sync.WaitGroup, workers int, c *http.Client, fn func(i int64)) {
	var seq atomic.Int64
	var mine sync.WaitGroup
	for range workers {
		mine.Add(1)
		go func() {
			defer mine.Done()
			for ctx.Err() == nil {
				fn(seq.Add(1))
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		mine.Wait()
		c.CloseIdleConnections()
	}()
}

// namespaceFlood: requests without credentials to ever new namespaces
// (they must create none), and logins to ever new namespaces (they create
// one each, paced to reach the cap, -max-namespaces, by fillBy and stay
// there; past it a 503 naming the limit). Pacing makes every run, on any
// machine, measure the server at its namespace cap.
func namespaceFlood(ctx context.Context, wg *sync.WaitGroup, base string, maxNamespaces int, fillBy time.Duration, s *attackStats) {
	c := newClient(7, 10*time.Second)
	paths := []string{"/anorbank/services/bmms/api/agent/status", "/aloqa/transactions/debit", "/paysys/gateway", "/requisites/api/v2/payment", "/nothing/here"}
	loop(ctx, wg, 3, c, func(i int64) {
		a, err := do(ctx, c, "POST", fmt.Sprintf("%s/ns/x-%d%s", base, i, paths[i%int64(len(paths))]), nil, []byte(`{}`))
		s.judge(ctx, "unauthenticated new namespace", &s.unauthNS, a, err)
	})
	start := time.Now()
	perLogin := fillBy / time.Duration(maxNamespaces)
	loop(ctx, wg, 4, c, func(i int64) {
		if wait := time.Until(start.Add(time.Duration(i) * perLogin)); wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
		}
		a, err := do(ctx, c, "POST", fmt.Sprintf("%s/ns/y-%d/anorbank/api/ext/user/login", base, i), nil,
			[]byte(`{"username":"sandbox","password":"sandbox"}`))
		s.judge(ctx, "login in a new namespace", &s.authNS, a, err)
		// Past the cap: Anor's own error envelope, and the why header
		// names the limit.
		if err == nil && a.status == http.StatusServiceUnavailable && !strings.Contains(a.why, "-max-namespaces") {
			s.bad("login in a new namespace (503 whose X-Paysandbox-Why does not name -max-namespaces)", a, nil)
		}
	})
}

// bigLines: 900 KB query strings and 900 KB X-Request-Id headers on
// authenticated calls, which the journal must keep bounded.
func bigLines(ctx context.Context, wg *sync.WaitGroup, base string, s *attackStats) {
	c := newClient(2, 20*time.Second)
	huge := strings.Repeat("8600000000000001", 900<<10/16)
	h := map[string]string{"Authorization": basic("gray", "p@ssw0rd")}
	loop(ctx, wg, 2, c, func(i int64) {
		var a answer
		var err error
		if i%2 == 0 {
			a, err = do(ctx, c, "GET", base+"/ns/soak-big/requisites/api/v2/services?q="+huge, h, nil)
		} else {
			hh := map[string]string{"X-Request-Id": huge}
			a, err = do(ctx, c, "POST", base+"/ns/soak-big/anorbank/api/ext/user/login", hh, []byte(`{"username":"sandbox","password":"sandbox"}`))
		}
		s.judge(ctx, "900 KB query or X-Request-Id", &s.big, a, err)
	})
}

// hostileBodies: malformed, deeply nested, oversize, mistyped and binary
// bodies to every provider, authenticated so they reach the decoders.
func hostileBodies(ctx context.Context, wg *sync.WaitGroup, base string, s *attackStats) {
	c := newClient(2, 20*time.Second)
	bodies := [][]byte{
		[]byte(`{"account":`),
		bytes.Repeat([]byte("["), 100_000),
		append(append([]byte(`{"purpose":"`), bytes.Repeat([]byte("A"), 8<<20)...), `"}`...),
		[]byte(`{"amount":{"$gt":0},"token":[1,2,3],"pan":true}`),
		[]byte("{\"pan\":\"\xff\xfe\x00\x01\",\"amount\":1e999999}"),
		[]byte(`{"amount":-9223372036854775808,"amount":9223372036854775807}`),
		[]byte(`[]`), []byte(`null`), []byte(`"\u0000"`),
	}
	targets := []struct{ path, auth string }{
		{"/anorbank/services/bmms/api/agent/unregistered-check", "Bearer not-a-token"},
		{"/anorbank/api/ext/user/login", ""},
		{"/aloqa/transactions/debit", basic("sandbox", "sandbox")},
		{"/aloqa/cards/add", basic("sandbox", "sandbox")},
		{"/paysys/gateway", basic("sandbox", "sandbox")},
		{"/requisites/api/v2/payment", basic("gray", "p@ssw0rd")},
	}
	loop(ctx, wg, 2, c, func(i int64) {
		t := targets[i%int64(len(targets))]
		b := bodies[(i/int64(len(targets)))%int64(len(bodies))]
		h := map[string]string{}
		if t.auth != "" {
			h["Authorization"] = t.auth
		}
		a, err := do(ctx, c, "POST", base+"/ns/soak-hostile"+t.path, h, b)
		s.judge(ctx, "hostile body", &s.hostile, a, err)
	})
}

// crossSite: what a web page could send to the loopback sandbox: simple
// (text/plain, form) POSTs, a foreign Origin, a rebound Host, aimed at the
// legitimate client's namespace. Each must be refused (4xx); at the end
// the legitimate namespace must have no fault armed.
func crossSite(ctx context.Context, wg *sync.WaitGroup, base, addr string, s *attackStats) {
	c := newClient(1, 10*time.Second)
	fault := []byte(`{"provider":"aloqa","operation":"transactions/debit","fault":"reset","times":1000000}`)
	variants := []struct {
		path string
		h    map[string]string
	}{
		{"/__admin/faults", map[string]string{"Content-Type": "text/plain"}},
		{"/__admin/faults", map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example"}},
		{"/__admin/faults", map[string]string{"Origin": "http://evil.example"}},
		{"/__admin/faults", map[string]string{"Origin": "null"}},
		{"/__admin/faults", map[string]string{"Host": "evil.example:" + strings.Split(addr, ":")[1]}},
		{"/__admin/clock", map[string]string{"Content-Type": "text/plain", "Origin": "http://evil.example"}},
		{"/__admin/reset", map[string]string{"Content-Type": "text/plain"}},
	}
	loop(ctx, wg, 1, c, func(i int64) {
		v := variants[i%int64(len(variants))]
		body := fault
		if strings.HasSuffix(v.path, "clock") {
			body = []byte(`{"advance":"87600h"}`)
		}
		a, err := do(ctx, c, "POST", base+"/ns/"+legitNS+v.path, v.h, body)
		s.judge(ctx, "cross-site write", &s.crossSite, a, err)
		if err == nil && (a.status < 400 || a.status >= 500) {
			s.bad("cross-site write accepted", a, nil)
		}
		time.Sleep(20 * time.Millisecond)
	})
}
