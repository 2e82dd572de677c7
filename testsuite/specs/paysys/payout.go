package paysys

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("PaySys payouts to e-wallets", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("answers the reference example with result.details and result.result exactly as documented", fixtures.NeedsMagic, func() {
		status, body := rpc(env, signed(), `{"id":"1cb17690-9105-4a23-9868-f5006cda7724","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":12000,"vendor_id":101596}}}`)
		Expect(status).To(Equal(200))
		Expect(body).To(HaveKeyWithValue("id", "1cb17690-9105-4a23-9868-f5006cda7724"))
		Expect(body).To(HaveKeyWithValue("error", BeNil()))
		Expect(body).NotTo(HaveKey("jsonrpc"), "PS-6")
		result := body["result"].(map[string]any)
		Expect(result["mx_id"]).To(MatchRegexp(`^[0-9a-f]{32}$`), "PS-5")
		d := result["details"].(map[string]any)
		Expect(d).To(HaveLen(9))
		Expect(d["id"]).To(MatchRegexp(`^[0-9a-f]{32}$`))
		Expect(d["transaction_id"]).To(BeNumerically(">=", 1000000))
		Expect(d["transaction_id"]).To(BeNumerically("<=", 9999999))
		Expect(d["amount"]).To(BeNumerically("==", 12000), "PS-4: the response echoes the request amount in sums")
		for _, k := range []string{"masked_card_number", "bank_transaction_id", "reference_number", "merchantId", "terminalId"} {
			Expect(d).To(HaveKeyWithValue(k, BeNil()), k)
		}
		Expect(d["date"]).To(BeNumerically(">", 1600000000), "epoch seconds")

		tx := int64(d["transaction_id"].(float64))
		status, body = rpc(env, signed(), `{"id":"21e2a489-0391-4335-8275-55ade9aa78c5","method":"pam.check_payment","params":{"agr_transaction_id":`+itoa(tx)+`}}`)
		Expect(status).To(Equal(200))
		inner := body["result"].(map[string]any)["result"].(map[string]any)
		Expect(inner).To(Equal(map[string]any{"bank_transaction_id": nil, "amount": 12000.0, "date": d["date"], "status": 2.0}))
	})

	DescribeTable("walks each scripted wallet's statuses on the sandbox clock, returning money on 3, 6 and -1",
		func(account string, steps []step) {
			const amount = int64(1_234_500) // 12 345 sums
			p := pay(env, account, amount)
			elapsed := time.Duration(0)
			for _, s := range steps {
				advance(env, s.at-elapsed)
				elapsed = s.at
				Expect(status(env, p)).To(Equal(s.status), "at %v", s.at)
				want := startBalance - amount
				if s.returned {
					want = startBalance
				}
				Expect(paysysState(env).Balance).To(Equal(want), "balance at %v", s.at)
			}
		},
		Entry("79123456789 completes at once (the seed's example, D-5)", "79123456789", []step{{0, 2, false}, {time.Hour, 2, false}}),
		Entry("…02: 0 → 1 → 2", "998900000002", []step{{0, 0, false}, {40 * time.Second, 1, false}, {70 * time.Second, 2, false}}),
		Entry("…03: 1 → 3 (cancel returns the money)", "998900000003", []step{{0, 1, false}, {70 * time.Second, 3, true}}),
		Entry("…06: 2 → 6 (refund returns the money)", "998900000006", []step{{0, 2, false}, {70 * time.Second, 6, true}}),
		Entry("…07: 7 → 2", "998900000007", []step{{0, 7, false}, {70 * time.Second, 2, false}}),
		Entry("…09: -1 at once (nothing paid out)", "998900000009", []step{{0, -1, true}}),
		Entry("…01: 2 at once", "998900000001", []step{{0, 2, false}}),
		fixtures.NeedsControl,
	)

	It("keeps balance + paid out equal to the starting balance across payouts", fixtures.NeedsControl, func() {
		pay(env, "79123456789", 100_00)
		pay(env, "998900000003", 200_00)
		pay(env, "998900000009", 300_00)
		s := paysysState(env)
		Expect(s.Balance).To(Equal(startBalance - 300_00))
		Expect(s.Balance + s.PaidOut).To(Equal(startBalance))
		advance(env, 2*time.Minute)
		s = paysysState(env)
		Expect(s.Balance).To(Equal(startBalance - 100_00))
		Expect(s.Balance + s.PaidOut).To(Equal(startBalance))
		Expect(s.Payouts).To(HaveLen(3))
	})

	It("scripts statuses with a rule outcome", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		Expect(env.Admin.PutScenario(ctx, []byte(`version: 1
credentials: {paysys: [{service_id: sandbox, secret_key: sandbox}]}
paysys:
  balance: 1000000
  vendors: [{id: 101596}]
  wallets: [{vendor_id: 101596, account: "998900000001"}]
rules:
  - {name: slow-then-refund, provider: paysys, operation: pam.pay_by_cash, match: {amount: {gte: 500000}},
     outcome: {statuses: [{status: 1, for: 10s}, {status: 6}]}}
`))).To(Succeed())
		small := pay(env, "998900000001", 100_00)
		big := pay(env, "998900000001", 5000_00)
		Expect(status(env, small)).To(Equal(2))
		Expect(status(env, big)).To(Equal(1))
		Expect(paysysState(env).Balance).To(Equal(int64(1_000_000 - 100_00 - 5000_00)))
		advance(env, 15*time.Second)
		Expect(status(env, big)).To(Equal(6))
		Expect(paysysState(env).Balance).To(Equal(int64(1_000_000 - 100_00)))
	})

	It("scripts statuses with an armed fault's outcome, through the typed client", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: "paysys", Operation: []string{"pam.pay_by_cash"},
			Outcome: map[string]any{"statuses": []map[string]any{{"status": 1, "for": "10s"}, {"status": 6}}}})
		Expect(err).NotTo(HaveOccurred())
		scripted := pay(env, "998900000001", 100_00)
		plain := pay(env, "998900000001", 100_00) // the fault served its one call
		Expect(status(env, scripted)).To(Equal(1))
		Expect(status(env, plain)).To(Equal(2))
		advance(env, 15*time.Second)
		Expect(status(env, scripted)).To(Equal(6))
	})
})

type step struct {
	at       time.Duration
	status   int
	returned bool
}
