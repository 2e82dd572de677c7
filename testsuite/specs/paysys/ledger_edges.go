package paysys

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/paysys"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// The payout balance's edges (issue 17). A cash payout touches no card, so
// PaySys's edge is its own balance: the whole balance pays out, one tiyin
// more is -32309 and moves nothing.
var _ = Describe("PaySys balance edges", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	const whole = int64(1_000_000)
	const account = "998900000001"

	It("pays out the whole balance and refuses one tiyin more", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		Expect(env.Admin.PutScenario(ctx, []byte(`version: 1
credentials: {paysys: [{service_id: sandbox, secret_key: sandbox}]}
paysys:
  balance: 1000000
  vendors: [{id: 101596}]
  wallets: [{vendor_id: 101596, account: "998900000001"}]
`))).To(Succeed())
		Expect(paysysState(env).Balance).To(Equal(whole))
		payOut := func(tiyin int64) error {
			_, err := newClient(env).PayByCash(ctx, &paysys.PayByCashParams{VendorID: vendor, Account: account, Amount: tiyin, Currency: "UZS"})
			return err
		}

		err := payOut(whole + 1)
		Expect(errors.Is(err, paysys.ErrInsufficientFunds)).To(BeTrue(), "%v", err)
		Expect(paysysState(env).Balance).To(Equal(whole))
		Expect(paysysState(env).Payouts).To(BeEmpty())

		p := pay(env, account, whole)
		Expect(p.Amount).To(Equal(whole))
		s := paysysState(env)
		Expect(s.Balance).To(BeZero())
		Expect(s.PaidOut).To(Equal(whole))

		err = payOut(1)
		Expect(errors.Is(err, paysys.ErrInsufficientFunds)).To(BeTrue(), "%v", err)
		Expect(paysysState(env).Payouts).To(HaveLen(1))
	})
})
