package anorbank

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// The shared card ledger's edges through Anor Bank (issue 17): the card's
// whole available balance moves, one tiyin more is `insufficient funds`
// and moves nothing. The check refuses more than the balance itself, so the
// ledger's own edge is reached by checking while the money is there and
// taking one tiyin away before paying.
var _ = Describe("Anor Bank ledger edges", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	// checked is a bill for amount on the healthy card with its own OTP.
	type checked struct {
		bill *anorbank.Bill
		otp  string
	}
	checkWithCode := func(amount int64) checked {
		GinkgoHelper()
		b := check(c, cardOK, amount)
		return checked{b, latestCode(env)}
	}

	It("refuses a check for one tiyin more than the card's balance", func() {
		_, err := c.Check(fixtures.Ctx(), &anorbank.CheckParams{Account: "30", RecipientID: shop, Amount: startFunds + 1, AgentTranID: tranID(), PAN: cardOK, Exp: expiry})
		expectCode(err, "insufficient funds", 200)
		Expect(errors.Is(err, anorbank.ErrInsufficientFunds)).To(BeTrue())
		checkWithCode(startFunds) // the whole balance is a valid bill
		expectFunds(env, cardOK, startFunds, 0)
	})

	It("pays the whole balance, and refuses it when one tiyin is missing", func() {
		ctx := fixtures.Ctx()
		whole, again, one := checkWithCode(startFunds), checkWithCode(startFunds), checkWithCode(1)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: one.bill.ID, OTP: one.otp})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-1, 1)

		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: whole.bill.ID, OTP: whole.otp})
		expectCode(err, "insufficient funds", 200)
		expectFunds(env, cardOK, startFunds-1, 1)

		_, err = c.ReverseHold(ctx, one.bill.ID)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds, 0)
		paid, err := c.Pay(ctx, &anorbank.PayParams{BillID: again.bill.ID, OTP: again.otp})
		Expect(err).NotTo(HaveOccurred())
		Expect(paid.Status).To(Equal(anorbank.StatusSuccess))
		expectFunds(env, cardOK, 0, 0)
	})

	It("holds the whole balance, and refuses it when one tiyin is missing; reversing releases the whole hold", func() {
		ctx := fixtures.Ctx()
		whole, again, one := checkWithCode(startFunds), checkWithCode(startFunds), checkWithCode(1)
		_, err := c.Pay(ctx, &anorbank.PayParams{BillID: one.bill.ID, OTP: one.otp})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-1, 0)

		_, err = c.Hold(ctx, &anorbank.PayParams{BillID: whole.bill.ID, OTP: whole.otp})
		expectCode(err, "insufficient funds", 200)
		expectFunds(env, cardOK, startFunds-1, 0)

		_, err = c.Cancel(ctx, one.bill.ID) // cancel/v3 gives the tiyin back
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds, 0)
		held, err := c.Hold(ctx, &anorbank.PayParams{BillID: again.bill.ID, OTP: again.otp})
		Expect(err).NotTo(HaveOccurred())
		Expect(held.Held()).To(BeTrue())
		expectFunds(env, cardOK, 0, startFunds)
		_, err = c.ReverseHold(ctx, again.bill.ID)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds, 0)
	})
})
