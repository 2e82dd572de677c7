package sandbox

import (
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paysandbox/paysandbox/mockserver/core/journal"
)

// expectCutOnce checks a journaled body: cut once by the journal, on a
// rune boundary, with the marker, from the start of full.
func expectCutOnce(t *testing.T, what, got, full string) {
	t.Helper()
	kept, marked := strings.CutSuffix(got, journal.Truncated)
	switch {
	case !marked:
		t.Errorf("%s: no truncation marker, ends %q", what, got[max(0, len(got)-20):])
	case !utf8.ValidString(got):
		t.Errorf("%s: a character was split, ends %q", what, got[max(0, len(got)-20):])
	case !strings.HasPrefix(full, kept) || len(kept) > journal.MaxBody || len(kept) < journal.MaxBody-utf8.UTFMax+1:
		t.Errorf("%s: kept %d bytes, want the first ≤ %d", what, len(kept), journal.MaxBody)
	}
}

// A long request with Cyrillic text is journaled cut once, with the marker:
// the middleware hands the journal enough to see the body was longer.
func TestJournalCutsLongRequestOnceOnARuneBoundary(t *testing.T) {
	s := newServer(t, Options{})
	s.ns.get("cut")                     // the namespace exists: a refused login does not create one
	for _, shift := range []int{0, 1} { // the boundary inside 'ж' and between two
		body := `{"username":"` + strings.Repeat("a", shift) + strings.Repeat("ж", journal.MaxBody) + `","password":"x"}`
		do(t, s, "POST", "/ns/cut/anorbank/api/ext/user/login", body)
		j := s.ns.get("cut").Journal.List("", 1)
		if len(j) != 1 {
			t.Fatalf("journal: %+v", j)
		}
		expectCutOnce(t, "request", j[0].Request, body)
	}
}

// The recorder keeps enough of a long answer, written in pieces that split
// characters, for the journal to cut it once; the client gets it all.
func TestRecorderLeavesTheCutToTheJournal(t *testing.T) {
	answer := strings.Repeat("€", journal.MaxBody)
	w := httptest.NewRecorder()
	rec := &recorder{ResponseWriter: w}
	for b := []byte(answer); len(b) > 0; {
		n := min(len(b), 1000) // 1000 is no multiple of 3: pieces end mid-character
		if _, err := rec.Write(b[:n]); err != nil {
			t.Fatal(err)
		}
		b = b[n:]
	}
	if w.Body.String() != answer {
		t.Fatal("the client did not get the whole answer")
	}
	j := journal.New(1, nil)
	j.RecordShared(journal.Entry{}, nil, rec.body())
	expectCutOnce(t, "response", j.List("", 1)[0].Response, answer)

	short := `{"ok":"ж"}`
	j.RecordShared(journal.Entry{}, []byte(short), nil)
	if got := j.List("", 1)[0].Request; got != short {
		t.Errorf("a short body changed: %q", got)
	}
}

// The journal keeps what the client was sent, whichever way it was
// written: a body written with Write is copied (the writer may reuse its
// buffer, as encoding/json's Encoder does), one written with WriteShared
// is kept as is, and anything written after a shared body is kept after it.
func TestRecorderKeepsWhatTheClientGot(t *testing.T) {
	type write struct {
		text   string
		shared bool
	}
	tests := []struct {
		name   string
		writes []write
	}{
		{"one Write", []write{{`{"a":1}`, false}}},
		{"one WriteShared", []write{{`{"a":1}`, true}}},
		{"WriteShared then Write", []write{{`{"a":`, true}, {`1}`, false}}},
		{"Write then WriteShared", []write{{`{"a":`, false}, {`1}`, true}}},
		{"two WriteShared", []write{{`{"a":`, true}, {`1}`, true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			rec := &recorder{ResponseWriter: w}
			var sent []byte
			for _, wr := range tt.writes {
				b := []byte(wr.text)
				sent = append(sent, b...)
				if wr.shared {
					_, _ = rec.WriteShared(b)
				} else {
					_, _ = rec.Write(b)
					clear(b) // the writer reuses its buffer: the journal must not see it
				}
			}
			j := journal.New(1, nil)
			j.RecordShared(journal.Entry{}, nil, rec.body())
			if got := j.List("", 1)[0].Response; got != string(sent) || w.Body.String() != string(sent) {
				t.Errorf("journal %q, client %q, want both %q", got, w.Body.String(), sent)
			}
		})
	}
}
