package httpx

import (
	"net/http"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core/coverage"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// Intercept applies the first armed fault or scenario rule matching this
// call, after the adapter has checked auth and validated the request.
//
// It sleeps for a rule's delay. Faults that answer instead of the provider
// (reset, timeout, empty, malformed) are carried out here and stop is true:
// the handler must return without writing. apply_then_drop/timeout are
// remembered and carried out by Deliver; apply_then_error is remembered
// (Call.ThenError) and answered by the adapter after the operation applied.
// Otherwise the action is returned: a non-empty Error is a documented code to answer with (state unchanged),
// Outcome scripts a provider-specific result.
func Intercept(w http.ResponseWriter, r *http.Request, facts rules.Facts) (act rules.Action, stop bool) {
	call := CallOf(r)
	if call.NS == nil {
		return rules.Action{}, false
	}
	act, ok := call.NS.Rules.Evaluate(call.Provider, call.Operation, facts)
	if !ok {
		return rules.Action{}, false
	}
	call.Rule, call.Via, call.Why = act.Rule, coverage.ViaRule, act.Why
	if act.Armed {
		call.Via = coverage.ViaFault
	}
	if act.Delay > 0 && act.Fault != rules.FaultTimeout && act.Fault != rules.FaultApplyThenTimeo {
		if !sleep(r, act.Delay) {
			return act, true
		}
	}
	switch act.Fault {
	case rules.FaultReset:
		call.ErrorCode = "fault:" + act.Fault
		Drop(w)
		return act, true
	case rules.FaultTimeout:
		call.ErrorCode = "fault:" + act.Fault
		hold(r, act.Delay)
		Drop(w)
		return act, true
	case rules.FaultEmpty:
		call.ErrorCode = "fault:" + act.Fault
		setWhy(w.Header(), call)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		return act, true
	case rules.FaultMalformed:
		call.ErrorCode = "fault:" + act.Fault
		setWhy(w.Header(), call)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"result": {"status": "SUCC`))
		return act, true
	case rules.FaultApplyThenDrop, rules.FaultApplyThenTimeo:
		call.ErrorCode = "fault:" + act.Fault
		call.after = &act
	case rules.FaultApplyThenError:
		call.thenError = act.Error
	}
	return act, false
}

// Sleep waits d or until the client leaves; false when it left.
func sleep(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// Sleep is sleep for the sandbox's latency setting.
func Sleep(r *http.Request, d time.Duration) bool { return sleep(r, d) }
