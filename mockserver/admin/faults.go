package admin

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// faultRequest is the POST /__admin/faults body.
type faultRequest struct {
	Name      string                   `json:"name"`
	Provider  string                   `json:"provider"`
	Operation json.RawMessage          `json:"operation"`
	Match     map[string]rules.Matcher `json:"match"`
	Error     json.RawMessage          `json:"error"`
	Fault     string                   `json:"fault"`
	Delay     string                   `json:"delay"`
	Times     int                      `json:"times"`
}

func (h *Handler) faults(w http.ResponseWriter, r *http.Request, ns *core.Namespace) {
	switch r.Method {
	case http.MethodGet:
	case http.MethodDelete:
		ns.Rules.Disarm()
	case http.MethodPost:
		var req faultRequest
		if !decode(w, r, &req) {
			return
		}
		rule, err := req.rule()
		if err == nil {
			err = h.host.CheckFault(rule)
		}
		if err != nil {
			fail(w, http.StatusBadRequest, "invalid fault", err.Error())
			return
		}
		ns.Rules.Arm(rule)
	default:
		fail(w, http.StatusMethodNotAllowed, "method not allowed", "use GET, POST or DELETE")
		return
	}
	write(w, http.StatusOK, map[string]any{"faults": ns.Rules.Armed()})
}

func (f faultRequest) rule() (rules.Rule, error) {
	r := rules.Rule{Name: f.Name, Provider: f.Provider, Match: f.Match, Fault: f.Fault, Times: f.Times}
	if len(f.Operation) > 0 {
		var one string
		if err := json.Unmarshal(f.Operation, &one); err == nil {
			r.Operations = []string{one}
		} else if err := json.Unmarshal(f.Operation, &r.Operations); err != nil {
			return r, errf("operation: want a string or a list of strings")
		}
	}
	if len(f.Error) > 0 {
		var s string
		if err := json.Unmarshal(f.Error, &s); err == nil {
			r.Error = s
		} else {
			var n json.Number
			if err := json.Unmarshal(f.Error, &n); err != nil {
				return r, errf("error: want a documented code (string or integer)")
			}
			r.Error = n.String()
		}
	}
	if f.Delay != "" {
		d, err := time.ParseDuration(f.Delay)
		if err != nil || d < 0 {
			return r, errf("delay: want a Go duration such as 2s")
		}
		r.Delay = d
	}
	if f.Times < 0 {
		return r, errf("times: want 1 or more")
	}
	if r.Error == "" && r.Fault == "" && r.Delay == 0 {
		return r, errf("give error, fault or delay")
	}
	return r, nil
}

type adminError string

func (e adminError) Error() string { return string(e) }

func errf(s string) error { return adminError(s) }
