package sandbox

import (
	"encoding/json"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
