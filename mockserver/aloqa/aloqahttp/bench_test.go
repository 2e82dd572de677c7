package aloqahttp_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// BenchmarkFeeInfo measures one validated request through the whole
// sandbox handler (namespace, journal, auth, kin validation, domain,
// envelope), without the network and without -strict.
func BenchmarkFeeInfo(b *testing.B) {
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	body := `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":5000}`
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/aloqa/p2p/fee-info", strings.NewReader(body))
		req.SetBasicAuth("sandbox", "sandbox")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != 200 || !strings.Contains(w.Body.String(), `"fee":50`) {
			b.Fatalf("%d %s", w.Code, w.Body)
		}
	}
}
