// Package journal is the per-namespace request journal: what the fake saw and
// answered, bounded in memory. Bodies are stored as received and cleaned
// (card numbers masked, secrets redacted) when they are read, so the hot
// path pays only for a copy. Standard library only.
package journal

import (
	"slices"
	"sync"
	"time"
	"unicode/utf8"
)

// Bodies are cut in one place, Record: at most MaxBody bytes, on a rune
// boundary, then Truncated. A caller copying a body for an entry keeps
// KeepBody bytes and cuts nothing itself, so the marker is never lost
// (issue 17: the middleware cut at MaxBody first, so the journal never saw
// a long body and a multibyte character could be split).
const (
	// MaxBody is how much of a request or response body an entry keeps.
	MaxBody = 4096
	// KeepBody is how much of a body Record must see: one byte more than
	// MaxBody tells a body that fits from one that must be cut.
	KeepBody = MaxBody + 1
	// Truncated ends a body that was cut.
	Truncated = "…(truncated)"
	// MaxLine bounds a path with its query, a why and a contract violation;
	// MaxWord the request id, method and other names (issue 13.2: a 900 KB
	// query string or X-Request-Id must not be kept whole).
	MaxLine = 2048
	MaxWord = 128
	// DefaultBudget bounds the bytes one journal keeps, whatever its size
	// in entries: the oldest entries go first.
	DefaultBudget = 4 << 20
)

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
	// Client is the calling application as the request named it (e.g.
	// AloqaGateway's app-name header).
	Client string `json:"client,omitempty"`
}

// Journal is a ring of the newest entries, bounded in entries and in bytes.
// It grows as entries come, up to its size, so a thousand idle namespaces
// cost little.
type Journal struct {
	mu     sync.Mutex
	ring   ring
	start  int // the oldest entry
	count  int
	bytes  int // what the entries hold
	size   int
	budget int
	lastID int64
	clean  func(string) string
	// changed is closed by the next Record and set to nil; it exists only
	// while someone waits (Changed), so recording with nobody listening
	// allocates nothing.
	changed chan struct{}
}

// New keeps at most size entries; clean (may be nil) is applied to the
// path and bodies of every entry List returns.
func New(size int, clean func(string) string) *Journal {
	if size <= 0 {
		size = 500
	}
	return &Journal{size: size, budget: DefaultBudget, clean: clean}
}

// SetBudget bounds the bytes the journal keeps (DefaultBudget unless set).
func (j *Journal) SetBudget(bytes int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.budget = bytes
	for j.count > 0 && j.bytes > j.budget {
		j.evictOldest()
	}
}

// Record stores e, giving it the next id. Bodies longer than MaxBody are
// cut (see Truncate).
func (j *Journal) Record(e Entry) {
	e.Request = Truncate(e.Request)
	e.Response = Truncate(e.Response)
	j.store(stored{Entry: e})
}

// store bounds e's other fields, gives it the next id and keeps it.
func (j *Journal) store(s stored) {
	e := &s.Entry
	e.Path, e.Why, e.Violation = TruncateTo(e.Path, MaxLine), TruncateTo(e.Why, MaxLine), TruncateTo(e.Violation, MaxLine)
	e.RequestID, e.Method, e.Rule = TruncateTo(e.RequestID, MaxWord), TruncateTo(e.Method, MaxWord), TruncateTo(e.Rule, MaxWord)
	e.Operation, e.ErrorCode = TruncateTo(e.Operation, MaxWord), TruncateTo(e.ErrorCode, MaxWord)
	e.Client = TruncateTo(e.Client, MaxWord)
	e.DurationMS = float64(e.Duration.Microseconds()) / 1000
	cost := s.bytes()
	j.mu.Lock()
	defer j.mu.Unlock()
	j.lastID++
	e.ID = j.lastID
	if j.changed != nil {
		close(j.changed)
		j.changed = nil
	}
	for j.count > 0 && (j.count == j.size || j.bytes+cost > j.budget) {
		j.evictOldest()
	}
	j.bytes += cost
	if j.count == j.ring.Len() { // full at its length, which is below size (the loop above evicted otherwise): grow
		if j.start != 0 {
			j.ring.reorder(j.start, j.count)
			j.start = 0
		}
		j.ring.Grow(j.size)
	}
	*j.ring.At((j.start + j.count) % j.ring.Len()) = s
	j.count++
}

func (j *Journal) evictOldest() {
	oldest := j.ring.At(j.start)
	j.bytes -= oldest.bytes()
	*oldest = stored{}
	j.start = (j.start + 1) % j.ring.Len()
	j.count--
}

// entryBytes is what an entry holds: its strings and its fixed part.
func entryBytes(e *Entry) int {
	return 200 + len(e.RequestID) + len(e.Method) + len(e.Path) + len(e.Provider) + len(e.Operation) +
		len(e.ErrorCode) + len(e.Rule) + len(e.Request) + len(e.Response) + len(e.Violation) + len(e.Why) + len(e.Client)
}

// Changed returns a channel closed by the next Record, and the id of the
// newest entry so far: entries with a greater id are the ones the close
// announces (read them with Since).
func (j *Journal) Changed() (<-chan struct{}, int64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.changed == nil {
		j.changed = make(chan struct{})
	}
	return j.changed, j.lastID
}

// LastID is the id of the newest entry (0 when none was recorded).
func (j *Journal) LastID() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.lastID
}

// Since returns the entries still kept whose id is greater than id, oldest
// first, cleaned as List cleans them.
func (j *Journal) Since(id int64) []Entry {
	j.mu.Lock()
	out := j.newest("", 0, id)
	j.mu.Unlock()
	slices.Reverse(out)
	return out
}

// List returns up to limit entries (all when limit <= 0) for provider (all
// when empty), newest first.
func (j *Journal) List(provider string, limit int) []Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.newest(provider, limit, 0)
}

// newest lists entries newest first, stopping at id after (not included).
// j.mu must be held.
func (j *Journal) newest(provider string, limit int, after int64) []Entry {
	out := []Entry{}
	for k := 0; k < j.count; k++ {
		s := j.ring.At((j.start + j.count - 1 - k) % j.ring.Len())
		if s.ID <= after {
			break
		}
		if provider != "" && s.Provider != provider {
			continue
		}
		e := s.view()
		if j.clean != nil {
			e.Path, e.Request, e.Response, e.Why = j.clean(e.Path), j.clean(e.Request), j.clean(e.Response), j.clean(e.Why)
			// Headers and the method are the client's text too (app-name
			// is AloqaGateway's Client), and a violation quotes the answer.
			e.RequestID, e.Client, e.Method = j.clean(e.RequestID), j.clean(e.Client), j.clean(e.Method)
			e.Violation = j.clean(e.Violation)
		}
		out = append(out, e)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// Truncate keeps at most MaxBody bytes of s and appends Truncated when it
// cut. The cut falls on a rune boundary, and never inside a run of digits
// that could be part of a card number: cleaning (done when the journal is
// read) masks whole card numbers only, so a PAN's first 12 digits left at
// the end would be shown.
func Truncate(s string) string { return TruncateTo(s, MaxBody) }

// TruncateTo is Truncate with another bound.
func TruncateTo(s string, max int) string {
	cut := cutIndex(s, max)
	if cut == len(s) {
		return s
	}
	return s[:cut] + Truncated
}

// cutIndex is how much of s Truncate keeps: all of it when it fits in max
// bytes, else up to a rune boundary that splits no run of digits a card
// number could be part of.
func cutIndex[T string | []byte](s T, max int) int {
	if len(s) <= max {
		return len(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if isDigit(s[cut]) {
		run := 0
		for run < cut && run <= maxPANDigits && isDigit(s[cut-1-run]) {
			run++
		}
		if run <= maxPANDigits {
			cut -= run
		}
	}
	return cut
}

// maxPANDigits is the longest card number; a longer run of digits is an
// account or an amount, never masked, and may be cut anywhere.
const maxPANDigits = 19

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
