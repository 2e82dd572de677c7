package journal

import "bytes"

// stored is an entry as the ring keeps it. Bodies recorded with
// RecordShared stay the caller's bytes (a reference, cut, not a copy) and
// become the Entry's strings only when the entry is read: most entries are
// never read, and copying two bodies into strings was a third of what a
// request allocated in the sandbox's own code (issue 15).
type stored struct {
	Entry
	request, response shared
}

// shared is a body kept by reference: the bytes up to the cut, and whether
// Truncated follows them.
type shared struct {
	b   []byte
	cut bool
}

// keep refers to (at most MaxBody bytes of) b, cut as Truncate cuts. A
// buffer much larger than what is kept is copied instead, so a 4 KB head
// never pins a 1 MiB body (the budget counts only what is kept).
func keep(b []byte) shared {
	n := cutIndex(b, MaxBody)
	s := shared{b: b[:n], cut: n < len(b)}
	if cap(b) > n+n/4+64 {
		s.b = bytes.Clone(s.b)
	}
	return s
}

func (s shared) len() int {
	if s.cut {
		return len(s.b) + len(Truncated)
	}
	return len(s.b)
}

func (s shared) String() string {
	if s.cut {
		return string(s.b) + Truncated
	}
	return string(s.b)
}

// RecordShared is Record for bodies the caller will never change again
// (the request body read once, the answer as it was encoded): the journal
// keeps references to them instead of copies. e.Request and e.Response
// are ignored. request and response must each be a whole buffer (not a
// window into a larger one), so that their capacity tells what they pin.
func (j *Journal) RecordShared(e Entry, request, response []byte) {
	e.Request, e.Response = "", ""
	j.store(stored{Entry: e, request: keep(request), response: keep(response)})
}

// view is the entry as List returns it, before cleaning.
func (s *stored) view() Entry {
	e := s.Entry
	if s.request.b != nil {
		e.Request = s.request.String()
	}
	if s.response.b != nil {
		e.Response = s.response.String()
	}
	return e
}

// bytes is what the entry counts against the journal's budget: the same
// as entryBytes of its view.
func (s *stored) bytes() int {
	return entryBytes(&s.Entry) + s.request.len() + s.response.len()
}
