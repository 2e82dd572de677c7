package anorbank

import (
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// A client must survive every fault the network can produce during a pay:
// it never resends the pay, and the status call tells it what happened.
var _ = Describe("Anor Bank client under injected faults", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	DescribeTable("pay, then resolve with status",
		func(fault admin.Fault, applied, fails bool) {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			c := newClient(env)
			bill, err := c.Check(ctx, &anorbank.CheckParams{Account: "1", RecipientID: shop, Amount: 25_000, AgentTranID: tranID(), PAN: cardOK, Exp: expiry})
			Expect(err).NotTo(HaveOccurred())
			code := latestCode(env)

			fault.Provider, fault.Operation = "anorbank", []string{"unregistered-pay"}
			_, err = env.Admin.ArmFault(ctx, fault)
			Expect(err).NotTo(HaveOccurred())
			// The faulted exchange goes through a plain transport with a short
			// timeout: a broken answer is the point, not a contract violation.
			raw := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(&http.Client{Timeout: 400 * time.Millisecond}))
			raw.SetTokens(anorbank.Tokens{AccessToken: c.AccessToken()})
			_, err = raw.Pay(ctx, &anorbank.PayParams{BillID: bill.ID, OTP: code})
			if fails {
				Expect(err).To(HaveOccurred(), "the client must see the fault")
			} else {
				Expect(err).NotTo(HaveOccurred())
			}

			got, err := c.Status(ctx, &anorbank.StatusParams{BillID: bill.ID})
			Expect(err).NotTo(HaveOccurred())
			want, funds := anorbank.StatusCheckOK, startFunds
			if applied {
				want, funds = anorbank.StatusSuccess, startFunds-25_000
			}
			Expect(got.Status).To(Equal(want))
			expectFunds(env, cardOK, funds, 0)
			Eventually(func() int {
				reqs, _ := env.Admin.Requests(ctx, "anorbank", 50)
				n := 0
				for _, r := range reqs {
					if r.Operation == "unregistered-pay" {
						n++
					}
				}
				return n
			}).Should(Equal(1), "the pay went out exactly once")
		},
		Entry("latency: the answer comes late but whole", admin.Fault{Delay: "150ms"}, true, false),
		Entry("connection reset, nothing applied", admin.Fault{Fault: "reset"}, false, true),
		Entry("empty answer, nothing applied", admin.Fault{Fault: "empty"}, false, true),
		Entry("malformed answer, nothing applied", admin.Fault{Fault: "malformed"}, false, true),
		Entry("timeout, nothing applied", admin.Fault{Fault: "timeout", Delay: "1s"}, false, true),
		Entry("applied, then the connection drops", admin.Fault{Fault: "apply_then_drop"}, true, true),
		Entry("applied, then the answer never comes", admin.Fault{Fault: "apply_then_timeout", Delay: "1s"}, true, true),
	)
})
