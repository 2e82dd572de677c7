package dashboard_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// The page and the namespace list it offers, through the real sandbox.
func TestPageAndNamespaces(t *testing.T) {
	s, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	hs := httptest.NewServer(s)
	defer hs.Close()
	for _, p := range []string{"/ns/ci-b/__admin/clock", "/ns/ci-a/__admin/sms"} {
		resp, err := http.Get(hs.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	resp, err := http.Get(hs.URL + "/ns/ci-a/__admin/namespaces")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Namespaces []string `json:"namespaces"`
		Current    string   `json:"current"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if want := []string{"default", "ci-a", "ci-b"}; !slices.Equal(got.Namespaces, want) || got.Current != "ci-a" {
		t.Errorf("namespaces %+v, want %v, current ci-a", got, want)
	}
	for _, p := range []string{"/", "/ns/ci-a/", "/ns/ci-a"} {
		resp, err := http.Get(hs.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		_, _ = io.Copy(&b, resp.Body)
		resp.Body.Close()
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(b.String(), "function listen") || strings.Contains(b.String(), `src="app.js"`) {
			t.Errorf("GET %s: %s, want the page with its script inlined", p, ct)
		}
	}
}
