package admin

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Host is what the control API needs from the sandbox.
type Host interface {
	Namespace(name string) *core.Namespace
	Reset(name string) *core.Namespace
	ScenarioJSON(name string) ([]byte, error)
	// PutScenario replaces the scenario (the base one when name is
	// "default"); a *scenarios.LoadError lists what is wrong.
	PutScenario(name, source string, data []byte) error
	Health(name string) map[string]any
	// Coverage reports the documented errors and successes answered in the
	// namespace, or in every namespace starting with prefix when it is set;
	// sinceStart counts from creation instead of the last reset.
	Coverage(name, prefix string, sinceStart bool) (any, error)
	// Namespaces lists the live namespaces by name, sorted, "default" first.
	Namespaces() []string
	// ParseFault reads a POST /__admin/faults body: a scenario rule, with
	// the scenario checks (known provider, operation, code, matchers), made
	// an engine rule as scenario rules are; a *scenarios.LoadError lists
	// what is wrong.
	ParseFault(body []byte) (rules.Rule, error)
}

// MaxBody bounds control-API request bodies (scenarios included).
const MaxBody = 4 << 20

type ctxKey struct{}

// WithNamespace tells the handler which namespace a request addresses.
func WithNamespace(r *http.Request, name string) *http.Request {
	return r.WithContext(contextWith(r, name))
}

// Handler serves /__admin/... (the path must start with /__admin).
type Handler struct {
	host       Host
	keepAlive  time.Duration // between comments on an idle event stream
	resetCheck time.Duration // between looks for a reset namespace on a stream

	mu      sync.Mutex
	closing map[*http.Server]chan struct{} // closed when that server shuts down
}

// New returns the control API over host.
func New(host Host) *Handler {
	return &Handler{host: host, keepAlive: keepAlive, resetCheck: resetCheck}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := namespaceOf(r)
	path := strings.TrimPrefix(r.URL.Path, "/__admin")
	route := r.Method + " " + path
	switch {
	case route == "GET /health" || route == "GET /health/":
		write(w, http.StatusOK, h.host.Health(name))
	case route == "POST /reset":
		h.host.Reset(name)
		write(w, http.StatusOK, map[string]any{"status": "ok", "namespace": name})
	case route == "GET /scenario":
		js, err := h.host.ScenarioJSON(name)
		if err != nil {
			fail(w, http.StatusInternalServerError, "internal", err.Error())
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(js)
	case route == "PUT /scenario":
		h.putScenario(w, r, name)
	case route == "GET /clock":
		h.clock(w, h.host.Namespace(name))
	case route == "POST /clock":
		h.setClock(w, r, h.host.Namespace(name))
	case route == "GET /sms":
		msgs := h.host.Namespace(name).SMS.List(r.URL.Query().Get("phone"))
		write(w, http.StatusOK, map[string]any{"messages": msgs})
	case route == "GET /coverage":
		q := r.URL.Query()
		rep, err := h.host.Coverage(name, q.Get("ns_prefix"), q.Get("since") == "start")
		if err != nil {
			fail(w, http.StatusInternalServerError, "internal", err.Error())
			return
		}
		write(w, http.StatusOK, rep)
	case route == "GET /events":
		h.events(w, r, name)
	case route == "GET /namespaces":
		write(w, http.StatusOK, map[string]any{"namespaces": h.host.Namespaces(), "current": name})
	case route == "GET /requests":
		h.requests(w, r, h.host.Namespace(name))
	case path == "/faults":
		h.faults(w, r, h.host.Namespace(name))
	case r.Method == http.MethodGet && strings.HasPrefix(path, "/state/"):
		h.state(w, strings.TrimPrefix(path, "/state/"), h.host.Namespace(name))
	default:
		fail(w, http.StatusNotFound, "not found", "no control-API endpoint "+r.Method+" /__admin"+path+"; see contracts/admin.yaml")
	}
}

func (h *Handler) putScenario(w http.ResponseWriter, r *http.Request, name string) {
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil || len(body) > MaxBody {
		fail(w, http.StatusBadRequest, "invalid scenario", "body unreadable or over 4 MiB")
		return
	}
	err = h.host.PutScenario(name, "PUT /__admin/scenario", body)
	var le *scenarios.LoadError
	switch {
	case errors.As(err, &le):
		write(w, http.StatusBadRequest, map[string]any{"error": "invalid scenario", "source": le.Source, "errors": le.Problems})
	case err != nil:
		fail(w, http.StatusBadRequest, "invalid scenario", err.Error())
	default:
		write(w, http.StatusOK, map[string]any{"status": "ok", "namespace": name})
	}
}

func (h *Handler) clock(w http.ResponseWriter, ns *core.Namespace) {
	write(w, http.StatusOK, map[string]any{"now": ns.Clock.Now().Format(time.RFC3339Nano), "frozen": ns.Clock.Frozen()})
}

func (h *Handler) setClock(w http.ResponseWriter, r *http.Request, ns *core.Namespace) {
	var req struct {
		Advance string `json:"advance"`
		Set     string `json:"set"`
	}
	if !decode(w, r, &req) {
		return
	}
	switch {
	case req.Advance != "" && req.Set != "":
		fail(w, http.StatusBadRequest, "invalid request", "give advance or set, not both")
		return
	case req.Advance != "":
		d, err := time.ParseDuration(req.Advance)
		if err != nil {
			fail(w, http.StatusBadRequest, "invalid request", "advance: want a Go duration such as 24h or 121s")
			return
		}
		ns.Clock.Advance(d)
	case req.Set != "":
		t, err := time.Parse(time.RFC3339Nano, req.Set)
		if err != nil {
			fail(w, http.StatusBadRequest, "invalid request", "set: want an RFC 3339 time")
			return
		}
		ns.Clock.Set(t)
	default:
		fail(w, http.StatusBadRequest, "invalid request", "give advance or set")
		return
	}
	h.clock(w, ns)
}

func (h *Handler) requests(w http.ResponseWriter, r *http.Request, ns *core.Namespace) {
	q := r.URL.Query()
	limit := 100
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 10000 {
			fail(w, http.StatusBadRequest, "invalid request", "limit: want 1..10000")
			return
		}
		limit = n
	}
	write(w, http.StatusOK, map[string]any{"requests": ns.Journal.List(q.Get("provider"), limit)})
}

func (h *Handler) state(w http.ResponseWriter, provider string, ns *core.Namespace) {
	if provider == "cards" {
		cards := ns.Cards.All()
		view := make([]map[string]any, 0, len(cards))
		for _, c := range cards {
			view = append(view, map[string]any{"pan": c.PAN.Masked(), "vendor": c.Vendor, "balance": c.Balance, "held": c.Held, "status": c.Status})
		}
		writeClean(w, map[string]any{"cards": view})
		return
	}
	d := ns.Domain(provider)
	if d == nil {
		fail(w, http.StatusNotFound, "not found", "no provider "+strconv.Quote(provider)+" is mounted")
		return
	}
	writeClean(w, d.StateView())
}

// writeClean answers a state view cleaned for humans (issue 13.9): the
// views mask the card numbers they know of, but free-text fields a client
// filled (an Anor agentTranId, a requisites orderId, an AloqaGateway
// merchantId) can hold one in any spelling, and a secret-named field must
// never be shown whatever a provider puts there.
func writeClean(w http.ResponseWriter, view any) {
	js, err := json.Marshal(view)
	if err != nil {
		fail(w, http.StatusInternalServerError, "internal", "state view: "+err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, core.CleanForHumans(string(js))+"\n")
}

func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		fail(w, http.StatusBadRequest, "invalid request", "body: "+err.Error())
		return false
	}
	return true
}

func write(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func fail(w http.ResponseWriter, status int, code, msg string) {
	write(w, status, map[string]string{"error": code, "message": msg})
}
