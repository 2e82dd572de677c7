package admin

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/journal"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// fakeHost serves one namespace per name, each with its own journal.
type fakeHost struct {
	mu sync.Mutex
	m  map[string]*core.Namespace
}

func (f *fakeHost) Namespace(name string) *core.Namespace {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string]*core.Namespace{}
	}
	if f.m[name] == nil {
		f.m[name] = &core.Namespace{Name: name, Journal: journal.New(10, nil)}
	}
	return f.m[name]
}

func (f *fakeHost) Reset(name string) *core.Namespace {
	f.mu.Lock()
	delete(f.m, name)
	f.mu.Unlock()
	return f.Namespace(name)
}

func (f *fakeHost) Namespaces() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []string{"default"}
	for n := range f.m {
		if n != "default" {
			out = append(out, n)
		}
	}
	slices.Sort(out[1:])
	return out
}

func (f *fakeHost) ScenarioJSON(string) ([]byte, error)        { return []byte("{}"), nil }
func (f *fakeHost) PutScenario(string, string, []byte) error   { return nil }
func (f *fakeHost) Health(string) map[string]any               { return map[string]any{} }
func (f *fakeHost) Coverage(string, string, bool) (any, error) { return nil, nil }
func (f *fakeHost) ParseFault([]byte) (rules.Rule, error)      { return rules.Rule{}, nil }

// serve mounts h like the sandbox does: /ns/{name}/__admin/... or /__admin/...;
// done receives once per finished request.
func serve(t *testing.T, h *Handler) (*httptest.Server, chan string) {
	t.Helper()
	done := make(chan string, 16)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { done <- r.URL.Path }()
		name := "default"
		if rest, ok := strings.CutPrefix(r.URL.Path, "/ns/"); ok {
			n, tail, _ := strings.Cut(rest, "/")
			name, r.URL.Path = n, "/"+tail
		}
		h.ServeHTTP(w, WithNamespace(r, name))
	}))
	t.Cleanup(srv.Close)
	return srv, done
}

// stream opens GET path as an event stream and returns its lines.
func stream(t *testing.T, ctx context.Context, url string) (*http.Response, <-chan string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 64)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return resp, lines
}

// waitLine reads lines until one has prefix, failing after 5 s.
func waitLine(t *testing.T, lines <-chan string, prefix string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("stream ended before a line starting %q", prefix)
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-timeout:
			t.Fatalf("no line starting %q within 5 s", prefix)
		}
	}
}

// quiet is a handler whose stream wakes for new entries and the client only.
func quiet(host Host) *Handler {
	h := New(host)
	h.keepAlive, h.resetCheck = time.Hour, time.Hour
	return h
}

func TestEventsStreamsEntriesRecordedAfterSubscribing(t *testing.T) {
	host := &fakeHost{}
	srv, _ := serve(t, quiet(host))
	ns := host.Namespace("ci-1")
	ns.Journal.Record(journal.Entry{Path: "/before"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, lines := stream(t, ctx, srv.URL+"/ns/ci-1/__admin/events")
	defer resp.Body.Close()
	if got, want := resp.Header.Get("Content-Type"), "text/event-stream"; got != want {
		t.Fatalf("Content-Type = %q, want %q", got, want)
	}
	waitLine(t, lines, ": namespace ci-1")
	// Let the handler settle in its wait, so the entry must wake it (a
	// Record that announces nothing would leave it asleep for the hour).
	time.Sleep(100 * time.Millisecond)
	host.Namespace("default").Journal.Record(journal.Entry{Path: "/other-namespace"})
	ns.Journal.Record(journal.Entry{Path: "/after", Provider: "aloqa", Why: "rule fired"})
	id := waitLine(t, lines, "id: ")
	waitLine(t, lines, "event: entry")
	data := waitLine(t, lines, "data: ")
	var e journal.Entry
	if err := json.Unmarshal([]byte(strings.TrimPrefix(data, "data: ")), &e); err != nil {
		t.Fatal(err)
	}
	if got, want := e.Path, "/after"; got != want {
		t.Fatalf("first streamed entry %q, want %q (entries before subscribing and other namespaces are not sent)", got, want)
	}
	if got, want := id, "id: 2"; got != want || e.Why != "rule fired" {
		t.Fatalf("event %q why %q, want %q with the why", got, e.Why, want)
	}
}

func TestEventsResumesAfterSince(t *testing.T) {
	host := &fakeHost{}
	srv, _ := serve(t, New(host))
	j := host.Namespace("default").Journal
	for _, p := range []string{"/1", "/2", "/3"} {
		j.Record(journal.Entry{Path: p})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, lines := stream(t, ctx, srv.URL+"/__admin/events?since=1")
	defer resp.Body.Close()
	if got := waitLine(t, lines, "id: "); got != "id: 2" {
		t.Fatalf("first event %q, want id: 2", got)
	}
	if got := waitLine(t, lines, "id: "); got != "id: 3" {
		t.Fatalf("second event %q, want id: 3", got)
	}
}

// A reconnecting EventSource sends Last-Event-ID: nothing is lost or repeated.
func TestEventsResumesAfterLastEventID(t *testing.T) {
	host := &fakeHost{}
	srv, _ := serve(t, quiet(host))
	j := host.Namespace("default").Journal
	for _, p := range []string{"/1", "/2", "/3"} {
		j.Record(journal.Entry{Path: p})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/__admin/events", nil)
	req.Header.Set("Last-Event-ID", "2")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "id: ") {
			if l != "id: 3" {
				t.Fatalf("first event after Last-Event-ID 2 is %q, want id: 3", l)
			}
			return
		}
	}
	t.Fatal("stream ended")
}

func TestEventsKeepAlive(t *testing.T) {
	h := New(&fakeHost{})
	h.keepAlive = 20 * time.Millisecond
	srv, _ := serve(t, h)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, lines := stream(t, ctx, srv.URL+"/__admin/events")
	defer resp.Body.Close()
	waitLine(t, lines, ": keep-alive")
}

// With no keep-alive due, only the request's context tells that the client left.
func TestEventsEndWhenTheClientGoes(t *testing.T) {
	srv, done := serve(t, quiet(&fakeHost{}))
	ctx, cancel := context.WithCancel(context.Background())
	resp, lines := stream(t, ctx, srv.URL+"/__admin/events")
	defer resp.Body.Close()
	waitLine(t, lines, ": namespace")
	select {
	case p := <-done:
		t.Fatalf("handler for %s ended while the client listened", p)
	default:
	}
	cancel()
	select {
	case <-done:
	case <-time.After(3 * time.Second):
		t.Fatal("the events handler still runs 3 s after its client left")
	}
}

func TestEventsTellsAboutAReset(t *testing.T) {
	host := &fakeHost{}
	h := quiet(host)
	h.resetCheck = 20 * time.Millisecond
	srv, _ := serve(t, h)
	old := host.Namespace("default").Journal
	old.Record(journal.Entry{Path: "/old-1"})
	old.Record(journal.Entry{Path: "/old-2"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, lines := stream(t, ctx, srv.URL+"/__admin/events")
	defer resp.Body.Close()
	waitLine(t, lines, ": namespace")
	host.Reset("default").Journal.Record(journal.Entry{Path: "/new"})
	waitLine(t, lines, "event: reset")
	if got := waitLine(t, lines, "data: {\"id\""); !strings.Contains(got, `"/new"`) {
		t.Fatalf("after a reset got %s, want the new journal's entry", got)
	}
}

func TestNamespacesListsLiveOnes(t *testing.T) {
	host := &fakeHost{}
	srv, _ := serve(t, New(host))
	host.Namespace("ci-b")
	host.Namespace("ci-a")
	resp, err := http.Get(srv.URL + "/ns/ci-b/__admin/namespaces")
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
	if want := []string{"default", "ci-a", "ci-b"}; !slices.Equal(got.Namespaces, want) || got.Current != "ci-b" {
		t.Fatalf("got %+v, want %v with current ci-b", got, want)
	}
}

// A stream must not hold http.Server.Shutdown for its whole grace period.
func TestEventsEndAtServerShutdown(t *testing.T) {
	srv := httptest.NewUnstartedServer(quiet(&fakeHost{}))
	srv.Start()
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	resp, lines := stream(t, ctx, srv.URL+"/__admin/events")
	defer resp.Body.Close()
	waitLine(t, lines, ": namespace")
	sctx, scancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer scancel()
	if err := srv.Config.Shutdown(sctx); err != nil {
		t.Fatalf("Shutdown with a dashboard listening: %v", err)
	}
}
