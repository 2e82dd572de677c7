package wire

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
)

// Serve answers through exactly one of the Front's writers, or none when
// the operation says a fault already answered.
func TestServe(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		prepare error
		op      func() (any, error)
		want    string
	}{
		{"success", nil, func() (any, error) { return "ok", nil }, "succeed ok"},
		{"operation error", nil, func() (any, error) { return nil, boom }, "fail boom"},
		{"prepare error skips the operation", boom, func() (any, error) { panic("ran") }, "fail boom"},
		{"answered by a fault", nil, func() (any, error) { return nil, ErrAnswered }, ""},
		{"answered, wrapped", nil, func() (any, error) { return nil, fmt.Errorf("op: %w", ErrAnswered) }, ""},
		{"answered while preparing", ErrAnswered, func() (any, error) { panic("ran") }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			f := &Front[string]{
				Prepare: func(*Exchange) (string, error) { return "req", tc.prepare },
				Succeed: func(_ *Exchange, req string, result any) { got = fmt.Sprint("succeed ", result) },
				Fail:    func(_ *Exchange, req string, err error) { got = "fail " + err.Error() },
			}
			h := Serve(f, func(*Exchange, string) (any, error) { return tc.op() })
			h(&Exchange{W: httptest.NewRecorder(), R: httptest.NewRequest("POST", "/", nil), Call: &httpx.Call{}})
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A rejection carries its reason to the journal and the why header.
func TestServeExplainsRejections(t *testing.T) {
	f := &Front[string]{
		Prepare: func(*Exchange) (string, error) { return "", nil },
		Succeed: func(*Exchange, string, any) {},
		Fail:    func(*Exchange, string, error) {},
	}
	call := &httpx.Call{}
	h := Serve(f, func(*Exchange, string) (any, error) {
		return nil, core.Failf("-32300", "/amount: value must be an integer")
	})
	h(&Exchange{W: httptest.NewRecorder(), R: httptest.NewRequest("POST", "/", nil), Call: call})
	if call.Why != "/amount: value must be an integer" {
		t.Errorf("why = %q", call.Why)
	}
}

// TestServeApplyThenError: an apply_then_error fault lets the operation
// apply, then answers the rule's documented error through Fail; a plain
// error rule answers it without applying.
func TestServeApplyThenError(t *testing.T) {
	tests := []struct {
		name    string
		rule    *rules.Rule
		applied int
		want    string
	}{
		{"no fault", nil, 1, "succeed ok"},
		{"apply_then_error", &rules.Rule{Provider: "p", Fault: rules.FaultApplyThenError, Error: "E1"}, 1, "fail E1"},
		{"error rule", &rules.Rule{Provider: "p", Error: "E2"}, 0, "fail E2"},
		{"another provider's fault", &rules.Rule{Provider: "q", Fault: rules.FaultApplyThenError, Error: "E1"}, 1, "succeed ok"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ns := &core.Namespace{Rules: rules.NewEngine(nil, 1)}
			if tc.rule != nil {
				ns.Rules.Arm(*tc.rule)
			}
			var got string
			applied := 0
			f := &Front[string]{
				Prepare: func(*Exchange) (string, error) { return "req", nil },
				Succeed: func(_ *Exchange, _ string, result any) { got = fmt.Sprint("succeed ", result) },
				Fail: func(_ *Exchange, _ string, err error) {
					code, _ := core.CodeOf(err)
					got = "fail " + code
				},
			}
			h := Serve(f, func(x *Exchange, _ string) (any, error) {
				if _, err := x.Intercept(nil); err != nil {
					return nil, err
				}
				applied++
				return "ok", nil
			})
			r := httptest.NewRequest("POST", "/", nil)
			call := &httpx.Call{NS: ns, Provider: "p", Operation: "op", Log: slog.New(slog.DiscardHandler)}
			r = r.WithContext(httpx.WithCall(r.Context(), call))
			h(&Exchange{W: httptest.NewRecorder(), R: r, Call: call})
			if got != tc.want || applied != tc.applied {
				t.Errorf("got %q applied %d, want %q applied %d", got, applied, tc.want, tc.applied)
			}
		})
	}
}

// Finding a static operation allocates nothing, however long its path
// (a "METHOD /path" key allocated once past 32 bytes): a request through
// the Kit's handler costs only its Exchange.
func TestStaticRouteAllocations(t *testing.T) {
	k, err := New("anorbank")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range k.Contract.OperationIDs() {
		if err := k.Handle(id, func(*Exchange) {}); err != nil {
			t.Fatal(err)
		}
	}
	h, err := k.Finish(func(http.ResponseWriter, *http.Request) {}, func(http.ResponseWriter, *http.Request) {})
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/services/bmms/api/agent/unregistered-check", nil)
	r = r.WithContext(httpx.WithCall(r.Context(), &httpx.Call{}))
	w := httptest.NewRecorder()
	if allocs := testing.AllocsPerRun(100, func() { h.ServeHTTP(w, r) }); allocs > 1 {
		t.Errorf("serving a static route allocated %.0f times, want 1 (the Exchange)", allocs)
	}
}
