package paysys

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/paysys"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// final reports a status after which a payout does not change on its own
// (6, a refund, may still follow 2 on the sandbox; it is the provider's call).
func final(s int) bool {
	return s == paysys.StatusCompleted || s == paysys.StatusCancelled || s == paysys.StatusRefunded || s == paysys.StatusError
}

var _ = Describe("PaySys flows a real sandbox allows", fixtures.Provider(provider), Label("live-verified"), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("pays a wallet and polls check_payment until the status is final", func() {
		account, amount := "998900000002", int64(150_000) // 0 → 1 → 2 on the fake's clock
		every, total := 200*time.Millisecond, 3*time.Minute
		if fixtures.Suite.Target.IsLive() {
			lp := fixtures.Live(provider)
			fixtures.Require(len(lp.Wallets) > 0, "providers.paysys.wallets")
			account = lp.Wallets[0].Account
			if lp.Amount > 0 {
				amount = lp.Amount
			}
			every, total = lp.Polling(every, total)
		} else {
			account = "79123456789" // completes at once: the in-process run has no wall-clock wait
		}
		c := newClient(env)
		p, err := c.PayByCash(fixtures.Ctx(), &paysys.PayByCashParams{VendorID: vendorID(), Account: account, Amount: amount, Currency: "UZS"})
		Expect(err).NotTo(HaveOccurred())
		Expect(p.TransactionID).To(BeNumerically(">", 0))
		var last *paysys.PaymentStatus
		Eventually(func(g Gomega) {
			st, err := c.CheckPayment(fixtures.Ctx(), p.TransactionID)
			g.Expect(err).NotTo(HaveOccurred())
			last = st
			g.Expect(final(st.Status)).To(BeTrue(), "status %d", st.Status)
		}).WithPolling(every).WithTimeout(total).Should(Succeed())
		Expect(last.Amount).To(Equal(p.Amount))
	})

	It("answers an unknown transaction with -32314", func() {
		_, err := newClient(env).CheckPayment(fixtures.Ctx(), 1)
		Expect(errors.Is(err, paysys.ErrTransactionNotFound)).To(BeTrue(), "%v", err)
	})
})
