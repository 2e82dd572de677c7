package requisites

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// The service balance's edges (issue 17). A payment by requisites touches
// no card, so the edge is the service's balance: amount + commission equal
// to it pays, one tiyin more is 1111 (RQ-8) and moves nothing.
var _ = Describe("Requisites balance edges", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	It("pays amount + commission equal to the whole balance and refuses one tiyin more", func() {
		env := fixtures.New()
		ctx, c := fixtures.Ctx(), newClient(env)
		const commission = int64(20_000)

		over := payment("edge-over", "29801000990248844444")
		over.Amount, over.Commission = startBalance-commission+1, commission
		_, err := c.Pay(ctx, over)
		Expect(errors.Is(err, requisites.ErrSystem)).To(BeTrue(), "%v", err)
		Expect(balance(env, 34)).To(Equal(startBalance))
		_, err = c.PaymentStatus(ctx, "edge-over")
		Expect(errors.Is(err, requisites.ErrOrderNotFound)).To(BeTrue(), "nothing was ordered: %v", err)

		whole := payment("edge-whole", "29801000990248844444")
		whole.Amount, whole.Commission = startBalance-commission, commission
		o, err := c.Pay(ctx, whole)
		Expect(err).NotTo(HaveOccurred())
		Expect(o.PaymentStatus).To(Equal(requisites.StatusEntered))
		Expect(balance(env, 34)).To(BeZero())

		one := payment("edge-one", "29801000990248844444")
		one.Amount, one.Commission = 1, 0
		_, err = c.Pay(ctx, one)
		Expect(errors.Is(err, requisites.ErrSystem)).To(BeTrue(), "%v", err)
		Expect(balance(env, 34)).To(BeZero())
	})
})
