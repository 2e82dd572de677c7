package aloqa

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/aloqa"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// The shared card ledger's edges through AloqaGateway (issue 17): a debit
// or a hold of the card's whole available balance goes through, one tiyin
// more is -32309 and moves nothing; a hold cancelled or charged moves
// exactly what it held.
var _ = Describe("AloqaGateway ledger edges", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	const pan = "8600000000000001"
	const whole = int64(1_000_000_000) // the default scenario's balance for the healthy card

	var env *fixtures.Env
	var c *aloqa.Client
	var token string
	BeforeEach(func() {
		env = fixtures.New()
		c = newClient(env)
		token = bind(fixtures.Ctx(), env, c, pan)
	})

	expectFunds := func(available, held int64) {
		GinkgoHelper()
		a, h := balance(fixtures.Ctx(), env, pan)
		Expect([]int64{a, h}).To(Equal([]int64{available, held}), "[available, held]")
	}

	It("debits the whole balance and refuses one tiyin more", func() {
		ctx := fixtures.Ctx()
		expectFunds(whole, 0)
		_, err := c.Debit(ctx, debitParams(token, whole+1))
		expectCode(err, -32309)
		Expect(errors.Is(err, aloqa.ErrInsufficientFunds)).To(BeTrue())
		expectFunds(whole, 0)

		_, err = c.Debit(ctx, debitParams(token, whole))
		Expect(err).NotTo(HaveOccurred())
		expectFunds(0, 0)
		_, err = c.Debit(ctx, debitParams(token, 100)) // the smallest amount allowed, on an empty card
		expectCode(err, -32309)
		expectFunds(0, 0)
	})

	It("holds the whole balance and refuses one tiyin more; cancel and charge move the whole hold", func() {
		ctx := fixtures.Ctx()
		p := debitParams(token, whole+1)
		p.IsHold = true
		_, err := c.Debit(ctx, p)
		expectCode(err, -32309)
		expectFunds(whole, 0)

		p.Amount = whole
		held, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(0, whole)
		Expect(c.CancelHold(ctx, held.TransactionID)).To(Succeed())
		expectFunds(whole, 0)

		held, err = c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(0, whole)
		_, err = c.ChargeHold(ctx, held.TransactionID)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(0, 0)
	})
})
