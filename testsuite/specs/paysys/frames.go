package paysys

import (
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("PaySys JSON-RPC frames", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	raw := func(method, path string, body []byte) (int, map[string]any) {
		status, _, out := exchange(env, method, path, signed(), body)
		return status, out
	}
	code := func(body map[string]any) any { return body["error"].(map[string]any)["code"] }

	It("echoes an integer id and accepts a jsonrpc member without emitting it (PS-6, PS-9)", func() {
		status, body := rpc(env, signed(), `{"jsonrpc":"2.0","id":202,"method":"pam.check_payment","params":{"agr_transaction_id":1}}`)
		Expect(status).To(Equal(200))
		Expect(body).To(HaveKeyWithValue("id", 202.0))
		Expect(body).NotTo(HaveKey("jsonrpc"))
		Expect(code(body)).To(Equal(-32314.0))
	})

	It("answers a wrong type with -32300, never -32602 (D-4)", func() {
		_, body := rpc(env, signed(), `{"id":"t","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","amount":"100","vendor_id":101596}}}`)
		Expect(code(body)).To(Equal(-32300.0))
	})

	It("answers a body over 1 MiB with -32600, an unknown path with 404 and a GET with 405, all in the envelope", func() {
		big := []byte(`{"id":"t","method":"pam.check_payment","params":{"x":"` + strings.Repeat("a", 1<<20) + `"}}`)
		status, body := raw(http.MethodPost, "/gateway", big)
		Expect(status).To(Equal(200))
		Expect(code(body)).To(Equal(-32600.0))
		status, body = raw(http.MethodPost, "/nope", []byte(`{}`))
		Expect(status).To(Equal(http.StatusNotFound))
		Expect(code(body)).To(Equal(-32601.0))
		status, body = raw(http.MethodGet, "/gateway", nil)
		Expect(status).To(Equal(http.StatusMethodNotAllowed))
		Expect(code(body)).To(Equal(-32600.0))
	})

	It("changes no state on a refused payout", fixtures.NeedsControl, func() {
		for _, b := range []string{
			payBody("t", "998900000001", vendor, "0"),
			payBody("t", "998900000001", vendor, "-5"),
			payBody("t", "998900000001", 101597, "5"),
		} {
			_, body := rpc(env, signed(), b)
			Expect(body["error"]).NotTo(BeNil(), b)
		}
		s := paysysState(env)
		Expect(s.Balance).To(Equal(startBalance))
		Expect(s.Payouts).To(BeEmpty())
	})
})
