package anorbank

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("Anor Bank payments", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	It("checks, texts an OTP and pays with it; status and a second pay follow", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 150000)
		Expect(b.ID).To(BeNumerically(">=", 100_000_000), "bill id has 9 digits")
		Expect(b.Data).To(HaveKeyWithValue("leftSeconds", "120"))
		Expect(b.Data).To(HaveKeyWithValue("recipientAmount", "150000.00"))
		Expect(b.Data).To(HaveKeyWithValue("phone", "+9*****567"))
		Expect(b.RequestTime).To(MatchRegexp(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`))
		Expect(b.SessionID).NotTo(BeNil())
		expectFunds(env, cardOK, startFunds, 0)

		paid, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		Expect(paid.Status).To(Equal(anorbank.StatusSuccess))
		Expect(paid.ID).To(Equal(b.ID), "AN-9: id = billId")
		Expect(paid.Amount).To(Equal(int64(150000)))
		expectFunds(env, cardOK, startFunds-150000, 0)

		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusSuccess))
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		e := expectCode(err, "bill not valid", 200)
		Expect(e.ID).To(BeNumerically("==", b.ID))
		expectFunds(env, cardOK, startFunds-150000, 0)
	})

	It("cancels a payment with cancel/v3 and refuses the agent without the cancel role", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 5000)
		_, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-5000, 0)

		nc := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials("nocancel", "sandbox"))
		_, err = nc.Cancel(ctx, b.ID)
		e := expectCode(err, "bad credentials", 401)
		Expect(e.Status).To(Equal(401))
		expectFunds(env, cardOK, startFunds-5000, 0)

		cancelled, err := c.Cancel(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(cancelled.Status).To(Equal(anorbank.StatusCancelled))
		expectFunds(env, cardOK, startFunds, 0)
		_, err = c.Cancel(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
		expectFunds(env, cardOK, startFunds, 0)
		st, err := c.Status(ctx, &anorbank.StatusParams{AgentTranID: *b.ExtID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
	})

	It("replays a repeated agentTranId: same bill, no second SMS, no second debit", func() {
		ctx := fixtures.Ctx()
		p := &anorbank.CheckParams{RecipientID: shop, Amount: 700, AgentTranID: tranID(), PAN: cardOK, Exp: expiry}
		first, err := c.Check(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		p.Amount = 999
		again, err := c.Check(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(again.ID).To(Equal(first.ID))
		Expect(again.Amount).To(Equal(int64(700)))
		Expect(smsCount(env)).To(Equal(1))
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: first.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-700, 0)
		replayed, err := c.Check(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(replayed.ID).To(Equal(first.ID))
		Expect(replayed.Status).To(Equal(anorbank.StatusSuccess))
		expectFunds(env, cardOK, startFunds-700, 0)
	})

	It("walks the OTP model on pay: retry, new code sent, limit reached", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 100)
		for _, want := range []string{"invalid code retry", "invalid code retry", "invalid code sms sent", "invalid code retry", "invalid code retry", "code entry limit exceeded restart", "bill not valid"} {
			_, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: "wrong"})
			expectCode(err, want, 200)
			expectFunds(env, cardOK, startFunds, 0)
		}
		Expect(smsCount(env)).To(Equal(2))
	})

	It("D-17: a bill not paid within leftSeconds dies: #33, no new SMS, status CANCELLED", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 100)
		_, err := env.Admin.AdvanceClock(ctx, 121*time.Second)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		expectCode(err, "code expired restart", 200)
		_, err = c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		expectCode(err, "code expired restart", 200)
		Expect(smsCount(env)).To(Equal(1))
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
		expectFunds(env, cardOK, startFunds, 0)
	})

	It("refunds recipient 1005's failed payment only after reverse_after, lazily", func() {
		ctx := fixtures.Ctx()
		b, err := c.Check(ctx, &anorbank.CheckParams{RecipientID: 1005, Amount: 2500, AgentTranID: tranID(), PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		expectCode(err, "billing error will reverse", 200)
		expectFunds(env, cardOK, startFunds-2500, 0)
		_, err = env.Admin.AdvanceClock(ctx, 61*time.Second)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
		expectFunds(env, cardOK, startFunds, 0)
	})

	It("keeps recipient 1006's failed payment SUCCESS until cancel/v3 refunds it", func() {
		ctx := fixtures.Ctx()
		b, err := c.Check(ctx, &anorbank.CheckParams{RecipientID: 1006, Amount: 2500, AgentTranID: tranID(), PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		expectCode(err, "billing error need reverse", 200)
		expectFunds(env, cardOK, startFunds-2500, 0)
		_, err = env.Admin.AdvanceClock(ctx, time.Hour)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusSuccess))
		expectFunds(env, cardOK, startFunds-2500, 0)
		_, err = c.Cancel(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds, 0)
	})
})

var _ = Describe("Anor Bank legal entity to card", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	It("moves money from the agent's deposit to the card once per agentTranId", func() {
		ctx := fixtures.Ctx()
		dep := deposit(env)
		p := &anorbank.ExtPayParams{AgentTranID: 1668782814, Account: "20208000900100001001", MFO: "01183", Name: "viplati", PAN: cardHumoOK, Exp: expiry, Amount: 12345}
		r, err := c.ExtPay(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(r.StatusCode).To(Equal(0))
		Expect(r.StatusMessage).To(Equal("SUCCESS"))
		Expect(r.AgentTranID).To(Equal("1668782814"))
		Expect(r.Recipient.Data).To(HaveKeyWithValue("ACCOUNT", "986000******0001"))
		Expect(r.Sender.Name).To(Equal(`{"account":"20208000900100001001","mfo":"01183","name":"viplati"}`))
		expectFunds(env, cardHumoOK, startFunds+12345, 0)
		Expect(deposit(env)).To(Equal(dep - 12345))

		again, err := c.ExtPay(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(again.BmID).To(Equal(r.BmID))
		expectFunds(env, cardHumoOK, startFunds+12345, 0)
		Expect(deposit(env)).To(Equal(dep - 12345))

		p.AgentTranID, p.Amount = 2, dep // more than is left
		_, err = c.ExtPay(ctx, p)
		expectCode(err, "insufficient funds on deposit", 200)
		expectFunds(env, cardHumoOK, startFunds+12345, 0)
		Expect(deposit(env)).To(Equal(dep - 12345))
	})
})
