package paysys

import (
	"errors"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/paysys"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("PaySys repeated request ids", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	params := func(id, account string) *paysys.PayByCashParams {
		return &paysys.PayByCashParams{RequestID: id, VendorID: vendor, Account: account, Amount: 700_00}
	}

	It("replays an in-progress payout's original result and pays once", func() {
		c := newClient(env)
		first, err := c.PayByCash(fixtures.Ctx(), params("idem-1", "998900000002"))
		Expect(err).NotTo(HaveOccurred())
		again, err := c.PayByCash(fixtures.Ctx(), params("idem-1", "998900000002"))
		Expect(err).NotTo(HaveOccurred())
		Expect(again).To(Equal(first))
		s := paysysState(env)
		Expect(s.Balance).To(Equal(startBalance - 700_00))
		Expect(s.Payouts).To(HaveLen(1))
	})

	It("refuses the id of a completed payout with -32312 and of a cancelled one with -32313", func() {
		c := newClient(env)
		_, err := c.PayByCash(fixtures.Ctx(), params("idem-2", "79123456789"))
		Expect(err).NotTo(HaveOccurred())
		_, err = c.PayByCash(fixtures.Ctx(), params("idem-2", "79123456789"))
		Expect(errors.Is(err, paysys.ErrTransactionDone)).To(BeTrue(), "%v", err)

		_, err = c.PayByCash(fixtures.Ctx(), params("idem-3", "998900000003"))
		Expect(err).NotTo(HaveOccurred())
		advance(env, 70*time.Second)
		_, err = c.PayByCash(fixtures.Ctx(), params("idem-3", "998900000003"))
		Expect(errors.Is(err, paysys.ErrTransactionCanceled)).To(BeTrue(), "%v", err)
		Expect(paysysState(env).Balance).To(Equal(startBalance - 700_00))
	})

	It("resolves a payout whose answer was dropped without paying twice", func() {
		ctx := fixtures.Ctx()
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: provider, Operation: []string{"pam.pay_by_cash"}, Fault: "apply_then_drop"})
		Expect(err).NotTo(HaveOccurred())
		c := newClient(env)
		_, err = c.PayByCash(ctx, params("lost-1", "998900000007"))
		Expect(errors.Is(err, paysys.ErrUnknownOutcome)).To(BeTrue(), "%v", err)
		Expect(paysysState(env).Balance).To(Equal(startBalance-700_00), "the payout applied")

		r, err := c.ResolvePayout(ctx, params("lost-1", "998900000007"))
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Payout).NotTo(BeNil())
		Expect(r.Status).To(Equal(paysys.StatusHeld))
		Expect(paysysState(env).Balance).To(Equal(startBalance - 700_00))

		advance(env, 70*time.Second)
		r, err = c.ResolvePayout(ctx, params("lost-1", "998900000007"))
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Status).To(Equal(paysys.StatusCompleted))
		Expect(paysysState(env).Payouts).To(HaveLen(1))
	})
})
