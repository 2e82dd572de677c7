package admin

import (
	"encoding/json"
	"net/http"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// faults serves /__admin/faults. A POST body has the shape of a scenario
// rule (SCENARIOS.md §1) and is read by the same code (Host.ParseFault).
func (h *Handler) faults(w http.ResponseWriter, r *http.Request, ns *core.Namespace) {
	switch r.Method {
	case http.MethodGet:
	case http.MethodDelete:
		ns.Rules.Disarm()
	case http.MethodPost:
		var body json.RawMessage
		if !decode(w, r, &body) {
			return
		}
		rule, err := h.host.ParseFault(body)
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
