package contracts

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// Response validators are compiled on an operation's first response
// validation (-strict), not at load: after one, every response schema of
// the operation that compiles and that the fast path checks (JSON, no
// declared headers) has its compiled validator, so -strict walks
// kin-openapi's schema only where the compiled one cannot serve.
func TestResponsesCompileOnFirstValidation(t *testing.T) {
	for _, name := range append([]string{"admin"}, Providers...) {
		for _, o := range MustLoad(name).Operations() {
			for code, ref := range o.route.Operation.Responses.Map() {
				status, err := strconv.Atoi(code)
				if err != nil || ref.Value == nil || len(ref.Value.Headers) > 0 {
					continue
				}
				for ct, mt := range ref.Value.Content {
					if mt.Schema == nil || mt.Schema.Value == nil || !strings.Contains(ct, "json") {
						continue
					}
					r := httptest.NewRequest(o.Method, "/", nil)
					_ = o.ValidateResponse(r, nil, status, http.Header{"Content-Type": {ct}}, []byte(`{}`))
					_, compilable := compileSchema(mt.Schema.Value)
					o.schemas.mu.Lock()
					n := o.respNodes[mt.Schema.Value]
					o.schemas.mu.Unlock()
					if compilable == nil && n == nil {
						t.Errorf("%s %s %d %s: validated without its compiled validator", name, o.ID, status, ct)
					}
				}
			}
		}
	}
}
