package contractcheck

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/testsuite/drift"
)

// canned answers every request with one body.
type canned string

func (c canned) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(string(c)))}, nil
}

// Live (Record set), a field the contract does not name is drift, not a
// violation; a missing field is both. Against the fake (no Record) an
// extra field stays a violation.
func TestExtraFieldsAreDriftLive(t *testing.T) {
	const ok = `{"status":"success","code":0,"data":{"payment_status":"Введен","doc_id":"1180_1841519885"}}`
	tests := []struct {
		name, body    string
		live          bool
		wantViolation bool
		wantKinds     string
	}{
		{"live, an extra field", strings.Replace(ok, `"code":0,`, `"code":0,"trace":"t",`, 1), true, false, "extra"},
		{"live, a renamed field", strings.Replace(ok, `"doc_id"`, `"docId"`, 1), true, true, "missing extra"},
		{"live, faithful", ok, true, false, ""},
		{"the fake, an extra field", strings.Replace(ok, `"code":0,`, `"code":0,"trace":"t",`, 1), false, true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New("requisites", canned(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			var got []Exchange
			if tc.live {
				c.Record = func(x Exchange) { got = append(got, x) }
			}
			resp, err := c.Client().Get("http://127.0.0.1:1/requisites/api/v2/payment/o-1")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if v := c.Violations(); (len(v) > 0) != tc.wantViolation {
				t.Errorf("violations %q, want some: %v", v, tc.wantViolation)
			}
			if !tc.live {
				return
			}
			if len(got) != 1 || got[0].Operation != "payment/{orderId}" {
				t.Fatalf("recorded %+v", got)
			}
			var ks []string
			for _, f := range got[0].Drift {
				if f.Source == drift.AgainstContract {
					ks = append(ks, f.Kind)
				}
			}
			if strings.Join(ks, " ") != tc.wantKinds {
				t.Errorf("drift kinds %q, want %q", ks, tc.wantKinds)
			}
		})
	}
}
