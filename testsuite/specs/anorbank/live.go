package anorbank

import (
	"errors"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
	"github.com/paysandbox/paysandbox/testsuite/profile"
)

// sandboxValues are what a flow needs from the target: the live profile's
// entries on a real sandbox, the default scenario's healthy values on the
// fake. No magic value here: every flow below runs on either.
type sandboxValues struct {
	card    profile.Card
	shop    int64
	account string
	amount  int64
}

func values() sandboxValues {
	GinkgoHelper()
	if !fixtures.Suite.Target.IsLive() {
		return sandboxValues{card: profile.Card{PAN: cardOK, Expiry: expiry, Phone: magicPhone}, shop: shop, account: "30", amount: 100000}
	}
	lp := fixtures.Live("anorbank")
	fixtures.Require(len(lp.Cards) > 0 && lp.Cards[0].Phone != "", "providers.anorbank.cards[0] with a phone")
	fixtures.Require(lp.RecipientID != 0, "providers.anorbank.recipient_id")
	v := sandboxValues{card: lp.Cards[0], shop: lp.RecipientID, account: lp.Account, amount: lp.Amount}
	if v.account == "" {
		v.account = "30"
	}
	if v.amount == 0 {
		v.amount = 100000
	}
	return v
}

// liveCheck checks a bill for amount on the profile's card.
func liveCheck(c *anorbank.Client, v sandboxValues, amount int64) (*anorbank.Bill, string) {
	GinkgoHelper()
	tran := fixtures.Unique("an")
	b, err := c.Check(fixtures.Ctx(), &anorbank.CheckParams{Account: v.account, RecipientID: v.shop, Amount: amount, AgentTranID: tran, PAN: v.card.PAN, Exp: v.card.Expiry})
	Expect(err).NotTo(HaveOccurred())
	Expect(b.Status).To(Equal(anorbank.StatusCheckOK))
	Expect(b.Amount).To(Equal(amount))
	return b, tran
}

var _ = Describe("Anor Bank flows a real sandbox allows", fixtures.Provider("anorbank"), Label("live-verified"), func() {
	var env *fixtures.Env
	var c *anorbank.Client
	var v sandboxValues
	BeforeEach(func() { env = fixtures.New(); c = newClient(env); v = values() })

	It("binds a test card with the SMS code and lists it masked", func() {
		ctx := fixtures.Ctx()
		sent, err := c.SendOTP(ctx, &anorbank.SendOTPParams{PAN: v.card.PAN, Exp: v.card.Expiry})
		var e *anorbank.Error
		if errors.As(err, &e) && e.Detail == "card already exists" {
			Skip(fixtures.SkipNotApplicable + "the card is already bound to this agent on the sandbox (an earlier run bound it)")
		}
		Expect(err).NotTo(HaveOccurred())
		Expect(sent.ID).To(BeNumerically(">", 0))
		token, err := c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: env.OTP("anorbank", v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		Expect(token).NotTo(BeEmpty())
		cards, err := c.UserCards(ctx)
		Expect(err).NotTo(HaveOccurred())
		var last4 []string
		for _, uc := range cards {
			last4 = append(last4, uc.PAN[len(uc.PAN)-4:])
		}
		Expect(last4).To(ContainElement(v.card.PAN[12:]))
	})

	It("checks a bill, pays it with the SMS code and reports it by id and by agentTranId", func() {
		ctx := fixtures.Ctx()
		b, tran := liveCheck(c, v, v.amount)
		paid, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: env.OTP("anorbank", v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		Expect(paid.Status).To(Equal(anorbank.StatusSuccess))
		for _, p := range []*anorbank.StatusParams{{BillID: b.ID}, {AgentTranID: tran}} {
			st, err := c.Status(ctx, p)
			Expect(err).NotTo(HaveOccurred())
			Expect(st.ID).To(Equal(b.ID))
			Expect(st.Status).To(Equal(anorbank.StatusSuccess))
			Expect(st.Amount).To(Equal(v.amount))
		}
	})

	It("holds, tops up by 30 %, refuses more, reverses part, confirms, and refuses a second confirm", func() {
		ctx := fixtures.Ctx()
		b, _ := liveCheck(c, v, v.amount)
		held, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: env.OTP("anorbank", v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		Expect(held.Held()).To(BeTrue(), "status %s", held.Status)
		top := v.amount * 3 / 10
		more, err := c.TopUpHold(ctx, &anorbank.TopUpParams{BillID: b.ID, Amount: top, PAN: v.card.PAN, Exp: v.card.Expiry})
		Expect(err).NotTo(HaveOccurred())
		Expect(more.Amount).To(Equal(v.amount+top), "AN-13: the new total held")
		_, err = c.TopUpHold(ctx, &anorbank.TopUpParams{BillID: b.ID, Amount: 1, PAN: v.card.PAN, Exp: v.card.Expiry})
		expectCode(err, "limit exceeded", 200)
		part, err := c.ReverseHoldPartially(ctx, &anorbank.PartialReverseParams{BillID: b.ID, ReverseAmount: top})
		Expect(err).NotTo(HaveOccurred())
		Expect(part.Amount).To(Equal(v.amount))
		conf, err := c.ConfirmHold(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(conf.Status).To(Equal(anorbank.StatusSuccess))
		_, err = c.ConfirmHold(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
	})

	It("holds and reverses the whole hold, then refuses to confirm it", func() {
		ctx := fixtures.Ctx()
		b, _ := liveCheck(c, v, v.amount)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: env.OTP("anorbank", v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		rev, err := c.ReverseHold(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(rev.Status).To(Equal(anorbank.StatusCancelled))
		_, err = c.ConfirmHold(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
	})

	It("cancels a paid bill, reports it cancelled and refuses a second cancel", func() {
		ctx := fixtures.Ctx()
		b, _ := liveCheck(c, v, v.amount)
		_, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: env.OTP("anorbank", v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		cancelled, err := c.Cancel(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(cancelled.Status).To(Equal(anorbank.StatusCancelled))
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
		_, err = c.Cancel(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
	})

	It("refuses a wrong SMS code on pay and keeps the bill payable", func() {
		ctx := fixtures.Ctx()
		b, _ := liveCheck(c, v, v.amount)
		_, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: "000000x"})
		expectCode(err, "invalid code retry", 200)
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCheckOK))
	})

	It("answers an unknown bill with bill not found and an empty status request with invalid params", func() {
		ctx := fixtures.Ctx()
		_, err := c.Status(ctx, &anorbank.StatusParams{AgentTranID: fixtures.Unique("never-sent")})
		expectCode(err, "bill not found", 200)
		_, err = c.Status(ctx, &anorbank.StatusParams{})
		expectCode(err, "invalid params", 200)
	})
})
