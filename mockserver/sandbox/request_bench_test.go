package sandbox

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkStateChange measures the sandbox's own cost of one state-changing
// request per provider, in process (no sockets): what separates it from a
// plain net/http handler in make bench is this, plus GC of what it
// allocates (allocs/op and B/op are the figures to drive down; they do not
// depend on the machine's load as ns/op does).
func BenchmarkStateChange(b *testing.B) {
	basic := func(u, p string) string { return "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p)) }
	cases := []struct {
		name, path, auth string
		body             func(i int) string
	}{
		{"requisites-payment", "/requisites/api/v2/payment", basic("gray", "p@ssw0rd"), func(i int) string {
			return fmt.Sprintf(`{"orderId":"bench-%d","amount":"100","comissionAmount":"0","purpose":"bench","serviceId":"34","receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789","cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`, i)
		}},
		{"paysys-pay", "/paysys/gateway", basic("sandbox", "sandbox"), func(i int) string {
			return fmt.Sprintf(`{"jsonrpc":"2.0","id":"bench-%d","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":100,"vendor_id":101596}}}`, i)
		}},
		{"anor-check", "/anorbank/services/bmms/api/agent/unregistered-check", "", func(i int) string {
			return fmt.Sprintf(`{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"bench-%d","params":{"pan":"8600000000000001","exp":"0727"}}`, i)
		}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			s, err := New(Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			auth := c.auth
			if auth == "" {
				auth = "Bearer " + anorToken(b, s)
			}
			b.ReportAllocs()
			defer reportCPU(b)()
			i := 0
			for b.Loop() {
				i++
				r := httptest.NewRequest(http.MethodPost, c.path, strings.NewReader(c.body(i)))
				r.Header.Set("Authorization", auth)
				r.Header.Set("Content-Type", "application/json")
				w := httptest.NewRecorder()
				s.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatalf("%d %s", w.Code, w.Body)
				}
			}
		})
	}
}

// reportCPU reports the process's CPU time per op (all threads: the GC's
// too) when the returned func runs: unlike ns/op it does not grow while
// other processes hold the CPU, which on a shared machine is most of the
// spread of ns/op.
func reportCPU(b *testing.B) func() {
	b.ResetTimer()
	cpu0 := processCPU()
	return func() {
		b.ReportMetric(float64((processCPU()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

func anorToken(b *testing.B, s http.Handler) string { return anorTokenAt(b, s, "") }

// anorTokenAt logs in to Anor Bank below prefix ("" or "/ns/{name}").
func anorTokenAt(b *testing.B, s http.Handler, prefix string) string {
	r := httptest.NewRequest(http.MethodPost, prefix+"/anorbank/api/ext/user/login", strings.NewReader(`{"username":"sandbox","password":"sandbox"}`))
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	body, _ := io.ReadAll(w.Body)
	const key = `"access_token":"`
	i := strings.Index(string(body), key)
	if i < 0 {
		b.Fatalf("login: %s", body)
	}
	rest := string(body)[i+len(key):]
	return rest[:strings.IndexByte(rest, '"')]
}

// BenchmarkStateChangeSpread is BenchmarkStateChange's Anor check in one
// namespace and spread over 1,000 in turn (make bench's "1,000 namespaces"
// case, in process), with requests built once and replayed so that the
// figures are the sandbox's (httptest.NewRequest costs as much again):
// what a request costs more when its namespace is one of many.
func BenchmarkStateChangeSpread(b *testing.B) {
	for _, spread := range []int{1, 1000} {
		b.Run(fmt.Sprintf("namespaces=%d", spread), func(b *testing.B) {
			s, err := New(Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			reqs := make([]*http.Request, spread)
			var body bytes.Reader
			for i := range reqs {
				prefix := fmt.Sprintf("/ns/spread-%d", i)
				r := httptest.NewRequest(http.MethodPost, prefix+"/anorbank/services/bmms/api/agent/unregistered-check", nil)
				r.Header.Set("Authorization", "Bearer "+anorTokenAt(b, s, prefix))
				r.Header.Set("Content-Type", "application/json")
				r.Body = io.NopCloser(&body)
				reqs[i] = r
			}
			w := &statusWriter{headerWriter: headerWriter{h: http.Header{}}}
			var text []byte
			b.ReportAllocs()
			defer reportCPU(b)()
			i := 0
			for b.Loop() {
				i++
				text = append(append(text[:0], `{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"bench-`...), strconv.Itoa(i)...)
				text = append(text, `","params":{"pan":"8600000000000001","exp":"0727"}}`...)
				body.Reset(text)
				r := reqs[i%spread]
				r.ContentLength = int64(len(text))
				clear(w.h)
				s.ServeHTTP(w, r)
				if w.status != 200 {
					b.Fatalf("HTTP %d", w.status)
				}
			}
		})
	}
}

// statusWriter is a headerWriter that remembers the status.
type statusWriter struct {
	headerWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) { w.status = status }
