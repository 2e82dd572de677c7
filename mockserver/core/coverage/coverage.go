// Package coverage counts, per namespace, which answers a sandbox gave:
// each provider's documented errors and each operation's successes, and
// how each error was produced (the request itself, a scenario rule, an
// armed fault). The sandbox joins the counts with the error catalogues to
// show a team which documented errors its app has met and which never
// (issue 16). It knows no provider. Standard library only.
package coverage

import "sync"

// How an answer was produced.
const (
	ViaRequest = "request" // the input or a magic value in the scenario
	ViaRule    = "rule"    // a scenario rule
	ViaFault   = "fault"   // an armed fault (POST /__admin/faults)
)

// Key names one kind of answer: a documented error code on an operation,
// or (Code "") a success.
type Key struct {
	Provider  string `json:"provider"`
	Operation string `json:"operation"`
	Code      string `json:"code,omitempty"`
	Via       string `json:"via,omitempty"`
}

// Counter counts answers by Key. Safe for concurrent use; the zero value
// is not usable, call New.
type Counter struct {
	mu sync.Mutex
	n  map[Key]int
}

// New returns an empty counter.
func New() *Counter { return &Counter{n: map[Key]int{}} }

// Record counts one answer.
func (c *Counter) Record(k Key) {
	c.mu.Lock()
	c.n[k]++
	c.mu.Unlock()
}

// Counts returns a copy of every count.
func (c *Counter) Counts() map[Key]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[Key]int, len(c.n))
	for k, v := range c.n {
		out[k] = v
	}
	return out
}

// Add adds every count of other to c (aggregating namespaces).
func (c *Counter) Add(other map[Key]int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, v := range other {
		c.n[k] += v
	}
}
