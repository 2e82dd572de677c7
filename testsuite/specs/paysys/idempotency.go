package paysys

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// D-10: the JSON-RPC id is echoed, never an idempotency key.
var _ = Describe("PaySys request ids are not idempotency keys (D-10)", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	txOf := func(body map[string]any) float64 {
		GinkgoHelper()
		Expect(body["error"]).To(BeNil())
		return body["result"].(map[string]any)["details"].(map[string]any)["transaction_id"].(float64)
	}

	DescribeTable("pays anew for every call with a reused id and echoes the id",
		func(id string, want any) {
			body := `{"id":` + id + `,"method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","amount":7,"vendor_id":101596}}}`
			seen := map[float64]bool{}
			for range 3 {
				status, out := rpc(env, signed(), body)
				Expect(status).To(Equal(200))
				Expect(out).To(HaveKey("id"))
				if want == nil {
					Expect(out["id"]).To(BeNil(), "id null is echoed as null")
				} else {
					Expect(out["id"]).To(Equal(want))
				}
				tx := txOf(out)
				Expect(seen).NotTo(HaveKey(tx), "a reused id replayed an earlier payout")
				seen[tx] = true
			}
		},
		Entry("a constant integer id", `22`, 22.0),
		Entry("a small random id", `417`, 417.0),
		Entry("a reused string id", `"order-1"`, "order-1"),
		Entry(`"id": null`, `null`, nil),
	)

	It("debits every repeated payout, whatever the first one became", fixtures.NeedsControl, func() {
		for _, account := range []string{"79123456789", "998900000002", "998900000003"} {
			_, out := rpc(env, signed(), payBody("same", account, vendor, "7"))
			txOf(out)
		}
		advance(env, 70*time.Second) // completed, completed, cancelled
		for _, account := range []string{"79123456789", "998900000002", "998900000003"} {
			_, out := rpc(env, signed(), payBody("same", account, vendor, "7"))
			txOf(out)
		}
		s := paysysState(env)
		Expect(s.Payouts).To(HaveLen(6))
		Expect(s.Balance).To(Equal(startBalance-5*700), "one cancelled payout gave its 7 sums back")
	})

	It("still answers -32312 and -32313 when a rule scripts them", fixtures.NeedsControl, func() {
		for _, code := range []string{"-32312", "-32313"} {
			_, err := env.Admin.ArmFault(fixtures.Ctx(), admin.Fault{Provider: provider, Operation: []string{"pam.pay_by_cash"}, Error: code})
			Expect(err).NotTo(HaveOccurred())
			_, out := rpc(env, signed(), payBody("r", "79123456789", vendor, "7"))
			Expect(out["error"]).To(HaveKeyWithValue("code", BeNumerically("==", mustAtoi(code))))
		}
		Expect(paysysState(env).Payouts).To(BeEmpty())
	})

	It("applies a payout whose answer is dropped; the same id sent again is a second payout", fixtures.NeedsControl, func() {
		_, err := env.Admin.ArmFault(fixtures.Ctx(), admin.Fault{Provider: provider, Operation: []string{"pam.pay_by_cash"}, Fault: "apply_then_drop"})
		Expect(err).NotTo(HaveOccurred())
		_, err = rawPost(env, signed(), payBody("lost-1", "998900000007", vendor, "700"))
		Expect(err).To(HaveOccurred(), "the connection is reset")
		Expect(paysysState(env).Payouts).To(HaveLen(1), "the payout applied")
		_, out := rpc(env, signed(), payBody("lost-1", "998900000007", vendor, "700"))
		txOf(out)
		s := paysysState(env)
		Expect(s.Payouts).To(HaveLen(2), "a client must check its payouts, never resend blindly")
		Expect(s.Balance).To(Equal(startBalance - 2*700_00))
	})

	It("applies a payout, then answers the error an apply_then_error fault names", fixtures.NeedsControl, func() {
		_, err := env.Admin.ArmFault(fixtures.Ctx(), admin.Fault{Provider: provider, Operation: []string{"pam.pay_by_cash"}, Fault: "apply_then_error", Error: "-32318"})
		Expect(err).NotTo(HaveOccurred())
		status, out := rpc(env, signed(), payBody("ate-1", "79123456789", vendor, "9"))
		Expect(status).To(Equal(200))
		Expect(out).To(HaveKeyWithValue("id", "ate-1"))
		Expect(out).To(HaveKeyWithValue("result", BeNil()))
		Expect(out["error"]).To(Equal(map[string]any{"code": -32318.0, "message": "Процессинговый центр недоступен"}))
		s := paysysState(env)
		Expect(s.Payouts).To(HaveLen(1), "the payout applied before the error")
		Expect(s.Balance).To(Equal(startBalance - 900))
		_, out = rpc(env, signed(), `{"id":"ate-2","method":"pam.check_payment","params":{"agr_transaction_id":`+itoa(s.Payouts[0].TransactionID)+`}}`)
		Expect(out["result"].(map[string]any)["result"]).To(HaveKeyWithValue("status", 2.0), "a follow-up check shows the applied payout")
	})
})
