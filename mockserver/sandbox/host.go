package sandbox

import (
	"crypto/subtle"
	"fmt"
	"net/http"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/admin"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// host implements admin.Host over the server.
type host struct{ s *Server }

func hostOf(s *Server) admin.Host { return host{s} }

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, nsName, path string) {
	if s.opts.AdminToken != "" && path != "/__admin/health" && !adminAuthorized(r, s.opts.AdminToken) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{
			"error": "unauthorized", "message": "this sandbox requires its admin token (Authorization: Bearer <token> or X-Admin-Token)"})
		return
	}
	if s.ns.full(nsName) {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "namespace limit reached",
			"message": fmt.Sprintf("%d live namespaces (-max-namespaces); reset or reuse namespaces, or drop idle ones with -ns-ttl", s.ns.max())})
		return
	}
	if s.opts.GuardControlAPI && s.opts.AdminToken == "" {
		if status, why := crossSiteRefusal(r); status != 0 {
			writeJSON(w, status, map[string]string{"error": "refused", "message": why})
			return
		}
	}
	inner := admin.WithNamespace(r, nsName)
	u := *r.URL
	u.Path, u.RawPath = path, ""
	inner.URL = &u
	dw := &durableWriter{ResponseWriter: w, s: s, changes: markFunc(s.adminChange(r, nsName))}
	s.admin.ServeHTTP(dw, inner)
	dw.settle(false)
}

// adminAuthorized compares the presented token in constant time.
func adminAuthorized(r *http.Request, token string) bool {
	got := r.Header.Get("X-Admin-Token")
	if a := r.Header.Get("Authorization"); got == "" && len(a) > 7 && strings.EqualFold(a[:7], "bearer ") {
		got = a[7:]
	}
	return subtle.ConstantTimeCompare([]byte(got), []byte(token)) == 1
}

func (h host) Namespace(name string) *core.Namespace { return h.s.ns.get(name) }

func (h host) Namespaces() []string { return h.s.ns.names() }

func (h host) Coverage(name, prefix string, sinceStart bool) (any, error) {
	return h.s.coverage(name, prefix, sinceStart)
}

func (h host) Reset(name string) *core.Namespace { return h.s.ns.reset(name) }

func (h host) ScenarioJSON(name string) ([]byte, error) { return h.s.ns.scenario(name).JSON() }

// PutScenario: the default namespace replaces the base scenario (and resets
// itself); another namespace replaces its own alone.
func (h host) PutScenario(name, source string, data []byte) error {
	sc, err := LoadScenario(source, data)
	if err != nil {
		return err
	}
	if name == "default" {
		h.s.base.Store(sc)
		h.s.ns.reset(name)
		return nil
	}
	h.s.ns.replace(name, sc)
	return nil
}

func (h host) Health(name string) map[string]any {
	names := make([]string, 0, len(h.s.providers))
	for _, p := range h.s.providers {
		names = append(names, p.name)
	}
	sc := h.s.ns.scenario(name)
	scName := sc.Name
	if scName == "" {
		scName = sc.Source
	}
	return map[string]any{
		"status":         "ok",
		"version":        Version,
		"scenario":       scName,
		"namespace":      name,
		"namespaces":     h.s.ns.count(),
		"uptime_seconds": h.s.now().Sub(h.s.started).Seconds(),
		"strict":         h.s.opts.Strict,
		"providers":      names,
	}
}

func (h host) ParseFault(body []byte) (rules.Rule, error) { return parseFault(body) }
