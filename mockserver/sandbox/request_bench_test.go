package sandbox

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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

func anorToken(b *testing.B, s http.Handler) string {
	r := httptest.NewRequest(http.MethodPost, "/anorbank/api/ext/user/login", strings.NewReader(`{"username":"sandbox","password":"sandbox"}`))
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
