package main

import (
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"
)

// opStats records, per operation, how long each answer took and which
// answers were wrong (the first few kept as examples for the table).
type opStats struct {
	mu    sync.Mutex
	lat   map[string][]time.Duration
	wrong map[string]int
	first []string
}

func newOpStats() *opStats {
	return &opStats{lat: map[string][]time.Duration{}, wrong: map[string]int{}}
}

// add records one answer; problem is "" when it was the right answer.
func (s *opStats) add(op string, d time.Duration, problem string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lat[op] = append(s.lat[op], d)
	if problem != "" {
		s.wrong[op]++
		if len(s.first) < 5 {
			s.first = append(s.first, op+": "+problem)
		}
	}
}

// summary is one operation's (or all operations') latency figures.
type summary struct {
	n, wrong      int
	p50, p99, max time.Duration
}

func summarize(lat []time.Duration, wrong int) summary {
	if len(lat) == 0 {
		return summary{wrong: wrong}
	}
	s := slices.Clone(lat)
	slices.Sort(s)
	return summary{n: len(s), wrong: wrong, p50: s[len(s)/2], p99: s[len(s)*99/100], max: s[len(s)-1]}
}

// count is how many answers op had.
func (s *opStats) count(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.lat[op])
}

// all summarizes every operation together.
func (s *opStats) all() summary {
	s.mu.Lock()
	defer s.mu.Unlock()
	var lat []time.Duration
	wrong := 0
	for op, l := range s.lat {
		lat = append(lat, l...)
		wrong += s.wrong[op]
	}
	return summarize(lat, wrong)
}

// lines prints one line per operation, sorted by name.
func (s *opStats) lines(indent string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ops := make([]string, 0, len(s.lat))
	for op := range s.lat {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	out := make([]string, 0, len(ops))
	for _, op := range ops {
		m := summarize(s.lat[op], s.wrong[op])
		out = append(out, fmt.Sprintf("%s%-34s n=%-7d wrong=%-4d p50=%-9s p99=%-9s max=%s", indent, op, m.n, m.wrong,
			ms(m.p50), ms(m.p99), ms(m.max)))
	}
	return out
}

func (s *opStats) examples() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.first)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

// counter counts outcomes by label (status codes, error kinds).
type counter struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *counter) inc(label string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]int{}
	}
	c.m[label]++
}

func (c *counter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.m {
		n += v
	}
	return n
}

func (c *counter) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	keys := make([]string, 0, len(c.m))
	for k := range c.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := ""
	for i, k := range keys {
		if i > 0 {
			out += " "
		}
		out += fmt.Sprintf("%s:%d", k, c.m[k])
	}
	return out
}
