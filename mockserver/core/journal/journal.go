// Package journal is the per-namespace request journal: what the fake saw and
// answered, bounded in memory. Bodies are stored as received and cleaned
// (card numbers masked, secrets redacted) when they are read, so the hot
// path pays only for a copy. Standard library only.
package journal

import (
	"sync"
	"time"
)

// MaxBody is how much of a request or response body an entry keeps.
const MaxBody = 4096

// Entry is one exchange.
type Entry struct {
	ID         int64         `json:"id"`
	Time       time.Time     `json:"time"`
	RequestID  string        `json:"request_id"`
	Method     string        `json:"method"`
	Path       string        `json:"path"`
	Status     int           `json:"status"`
	Duration   time.Duration `json:"-"`
	DurationMS float64       `json:"duration_ms"`
	Provider   string        `json:"provider,omitempty"`
	Operation  string        `json:"operation,omitempty"`
	ErrorCode  string        `json:"error_code,omitempty"`
	Rule       string        `json:"rule,omitempty"`
	Request    string        `json:"request_body,omitempty"`
	Response   string        `json:"response_body,omitempty"`
	// Violation is set when -strict found the response off-contract.
	Violation string `json:"contract_violation,omitempty"`
	// Why is why the request was rejected or scripted: the validator's
	// finding, the domain check, the rule or fault that fired.
	Why string `json:"why,omitempty"`
}

// Journal is a ring of the newest entries. It grows as entries come, up to
// its size, so a thousand idle namespaces cost little.
type Journal struct {
	mu     sync.Mutex
	ring   []Entry
	size   int
	next   int // index of the slot to write once the ring is full
	lastID int64
	clean  func(string) string
}

// New keeps at most size entries; clean (may be nil) is applied to the
// path and bodies of every entry List returns.
func New(size int, clean func(string) string) *Journal {
	if size <= 0 {
		size = 500
	}
	return &Journal{size: size, clean: clean}
}

// Record stores e, giving it the next id. Bodies are truncated to MaxBody.
func (j *Journal) Record(e Entry) {
	e.Request = truncate(e.Request)
	e.Response = truncate(e.Response)
	e.DurationMS = float64(e.Duration.Microseconds()) / 1000
	j.mu.Lock()
	defer j.mu.Unlock()
	j.lastID++
	e.ID = j.lastID
	if len(j.ring) < j.size {
		j.ring = append(j.ring, e)
		return
	}
	j.ring[j.next] = e
	j.next = (j.next + 1) % j.size
}

// List returns up to limit entries (all when limit <= 0) for provider (all
// when empty), newest first.
func (j *Journal) List(provider string, limit int) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := len(j.ring)
	newest := n - 1 // before the ring is full, entries are in order
	if n == j.size {
		newest = (j.next - 1 + n) % n
	}
	out := []Entry{}
	for k := 0; k < n; k++ {
		i := (newest - k + n) % n
		e := j.ring[i]
		if provider != "" && e.Provider != provider {
			continue
		}
		if j.clean != nil {
			e.Path, e.Request, e.Response, e.Why = j.clean(e.Path), j.clean(e.Request), j.clean(e.Response), j.clean(e.Why)
			e.RequestID = j.clean(e.RequestID)
		}
		out = append(out, e)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

func truncate(s string) string {
	if len(s) <= MaxBody {
		return s
	}
	return s[:MaxBody] + "…(truncated)"
}
