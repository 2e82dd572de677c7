package admin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/journal"
)

// keepAlive is how often GET /__admin/events writes a comment when nothing
// happens, so proxies keep the stream open and a departed client is noticed.
const keepAlive = 15 * time.Second

// resetCheck is how often the stream looks whether the namespace was reset
// (a reset builds a new journal, whose entries the old one never announces).
const resetCheck = time.Second

// events streams journal entries as server-sent events: `event: entry`
// with the entry as data and its id as the event id. It starts after
// ?since=<id> or the Last-Event-ID header (a reconnect), else after the
// newest entry. `event: reset` says the namespace was rebuilt. The stream
// ends when the client goes.
func (h *Handler) events(w http.ResponseWriter, r *http.Request, name string) {
	rc := http.NewResponseController(w)
	ns := h.host.Namespace(name)
	since := ns.Journal.LastID()
	for _, s := range []string{r.URL.Query().Get("since"), r.Header.Get("Last-Event-ID")} {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
			since = n
		}
	}
	// Registered before the first byte: a client that has read the stream's
	// first line can rely on Shutdown ending it.
	closing := h.shutdownOf(r)
	// The server's write timeout is for answers, not for a stream.
	_ = rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprintf(w, "retry: 2000\n: namespace %s\n\n", name); err != nil || rc.Flush() != nil {
		return
	}
	keep := time.NewTicker(h.keepAlive)
	defer keep.Stop()
	check := time.NewTicker(h.resetCheck)
	defer check.Stop()
	for {
		changed, _ := ns.Journal.Changed()
		for _, e := range ns.Journal.Since(since) {
			if !sendEntry(w, e) {
				return
			}
			since = e.ID
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-closing:
			return
		case <-changed:
		case <-keep.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		case <-check.C:
			if now := h.host.Namespace(name); now != ns {
				ns, since = now, 0
				if _, err := fmt.Fprint(w, "event: reset\ndata: {}\n\n"); err != nil {
					return
				}
			}
		}
	}
}

func sendEntry(w http.ResponseWriter, e journal.Entry) bool {
	js, err := json.Marshal(e)
	if err != nil {
		return false
	}
	_, err = fmt.Fprintf(w, "id: %d\nevent: entry\ndata: %s\n\n", e.ID, js)
	return err == nil
}

// shutdownOf returns a channel closed when the http.Server serving r shuts
// down: Shutdown waits for active requests, and a stream would hold it for
// its whole grace period. One hook per server, registered by its first
// stream, so streams add nothing to the server's hook list.
func (h *Handler) shutdownOf(r *http.Request) <-chan struct{} {
	srv, ok := r.Context().Value(http.ServerContextKey).(*http.Server)
	if !ok {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closing == nil {
		h.closing = map[*http.Server]chan struct{}{}
	}
	ch, ok := h.closing[srv]
	if !ok {
		ch = make(chan struct{})
		h.closing[srv] = ch
		srv.RegisterOnShutdown(func() { close(ch) })
	}
	return ch
}
