package sandbox

import (
	"encoding/json"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func saveState(t *testing.T, s *Server, path string) {
	t.Helper()
	if err := s.SaveState(path); err != nil {
		t.Fatal(err)
	}
}

// Issue 13.5: a save writes the file only when something changed since the
// last one; each kind of change is seen.
func TestStateFileIsWrittenOnlyWhenSomethingChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	do(t, s, "POST", "/ns/a"+anorLogin, goodLogin)
	do(t, s, "POST", "/ns/b"+anorLogin, goodLogin)
	saveState(t, s, path)
	for _, tc := range []struct {
		change string
		do     func()
	}{
		{"nothing", func() {}},
		{"a provider request", func() { do(t, s, "POST", "/ns/a"+anorLogin, goodLogin) }},
		{"nothing again", func() { do(t, s, "GET", "/ns/a/__admin/state/anorbank", "") }},
		{"a clock move", func() { do(t, s, "POST", "/ns/a/__admin/clock", `{"advance":"1h"}`) }},
		{"a reset", func() { do(t, s, "POST", "/ns/b/__admin/reset", "") }},
		{"an expired namespace", func() { s.ns.expire(-time.Hour) }},
	} {
		before := inode(t, path)
		tc.do()
		saveState(t, s, path)
		wrote := !os.SameFile(before, inode(t, path))
		if want := tc.change[:7] != "nothing"; wrote != want {
			t.Errorf("after %s: file written %t, want %t", tc.change, wrote, want)
		}
	}
}

// Issue 13.5: a save does not build the providers a namespace never used,
// and encodes again only the namespaces and domains that changed.
func TestSaveEncodesOnlyWhatIsUsedAndChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	do(t, s, "POST", "/ns/a"+anorLogin, goodLogin)
	do(t, s, "POST", "/ns/b"+anorLogin, goodLogin)
	reach(t, s, "b", "paysys")
	saveState(t, s, path)
	if built := slices.Sorted(maps.Keys(s.ns.get("a").BuiltDomains())); !slices.Equal(built, []string{"anorbank"}) {
		t.Errorf("namespace a has built %v after a save, want only anorbank", built)
	}
	var file struct {
		Namespaces map[string]struct {
			Domains map[string]json.RawMessage `json:"domains"`
		} `json:"namespaces"`
	}
	data, _ := os.ReadFile(path)
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if got := slices.Sorted(maps.Keys(file.Namespaces["a"].Domains)); !slices.Equal(got, []string{"anorbank"}) {
		t.Errorf("the file holds %v for namespace a, want only anorbank", got)
	}
	a, b := s.state.enc["a"], s.state.enc["b"]
	bAnor, bPaysys := b.domains["anorbank"].raw, b.domains["paysys"].raw
	reach(t, s, "b", "paysys")
	saveState(t, s, path)
	if s.state.enc["a"] != a {
		t.Error("namespace a was encoded again, though nothing changed in it")
	}
	nb := s.state.enc["b"]
	if &nb.domains["anorbank"].raw[0] != &bAnor[0] {
		t.Error("b's anorbank domain was snapshotted again, though only paysys was called")
	}
	if &nb.domains["paysys"].raw[0] == &bPaysys[0] {
		t.Error("b's paysys domain was not snapshotted again after a paysys request")
	}
}

// reach sends a provider request that reaches an operation in namespace ns.
func reach(t *testing.T, s *Server, ns, provider string) {
	t.Helper()
	req := reaching[provider]
	r := httptest.NewRequest(req.method, "/ns/"+ns+req.path, strings.NewReader(req.body))
	if req.user != "" {
		r.SetBasicAuth(req.user, req.pass)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code >= 500 {
		t.Fatalf("%s: %d %s", provider, w.Code, w.Body)
	}
}

// A running clock is restored as it read when the file was last written,
// though its namespace was encoded earlier and not since (it did not
// change): what the old every-second snapshot restored.
func TestRunningClockIsRestoredAsOfTheLastWrite(t *testing.T) {
	var wall atomic.Int64
	start := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	wall.Store(start.UnixNano())
	now := func() time.Time { return time.Unix(0, wall.Load()).UTC() }
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour, Now: now})
	do(t, s, "POST", "/ns/still"+anorLogin, goodLogin)
	saveState(t, s, path)
	clockOf := func(s *Server) time.Time {
		_, c := do(t, s, "GET", "/ns/still/__admin/clock", "")
		at, err := time.Parse(time.RFC3339Nano, c["now"].(string))
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	wall.Add(int64(time.Hour))
	want := clockOf(s)                                 // an hour on; "still" is not encoded again
	do(t, s, "POST", "/ns/other"+anorLogin, goodLogin) // but the file is written
	saveState(t, s, path)
	wall.Add(int64(24 * time.Hour)) // down for a day
	restored := newServer(t, Options{StateFile: crashCopy(t, path), StateInterval: time.Hour, Now: now})
	if got := clockOf(restored); !got.Equal(want) {
		t.Errorf("the running clock restored at %v, want %v (as it read at the last write)", got, want)
	}
}

// Issue 13.5: no request waits for a save. While a save holds the store
// (here: held for it, as a long encode of a big namespace would), requests
// to another namespace are answered, including the one that needs a new
// durable id reservation (idfloor.go).
func TestRequestsDoNotWaitForASave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := newServer(t, Options{StateFile: path, StateInterval: time.Hour})
	s.state.mu.Lock() // a save in progress
	defer s.state.mu.Unlock()
	req := reaching["aloqa"]
	done := make(chan int)
	go func() {
		n := 0
		for range reserveBlock + 10 {
			r := httptest.NewRequest(req.method, "/ns/other"+req.path, strings.NewReader(req.body))
			r.SetBasicAuth(req.user, req.pass)
			s.ServeHTTP(httptest.NewRecorder(), r)
			n++
		}
		done <- n
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("requests wait while a save runs (more than %d requests needed a new reservation)", reserveBlock)
	}
}
