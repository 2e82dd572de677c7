package anorbank

import (
	"errors"
	"sync"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("Anor Bank holds", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	It("holds, tops up by exactly 30%, refuses 30% + 1 tiyin, reverses part, confirms, reports status", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 100000)
		expectFunds(env, cardOK, startFunds, 0)
		held, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		Expect(held.Held()).To(BeTrue())
		expectFunds(env, cardOK, startFunds-100000, 100000)

		top := &anorbank.TopUpParams{BillID: b.ID, Amount: 20000, PAN: cardOK, Exp: expiry}
		more, err := c.TopUpHold(ctx, top)
		Expect(err).NotTo(HaveOccurred())
		Expect(more.Amount).To(Equal(int64(120000)), "AN-13: the new total held")
		expectFunds(env, cardOK, startFunds-120000, 120000)
		top.Amount = 10000 // Σ = 30 000 = exactly 30% of the original hold
		more, err = c.TopUpHold(ctx, top)
		Expect(err).NotTo(HaveOccurred())
		Expect(more.Amount).To(Equal(int64(130000)))
		Expect(more.Status).To(Equal(anorbank.StatusHoldSuccess))
		expectFunds(env, cardOK, startFunds-130000, 130000)
		top.Amount = 1
		_, err = c.TopUpHold(ctx, top)
		expectCode(err, "limit exceeded", 200)
		expectFunds(env, cardOK, startFunds-130000, 130000)

		part, err := c.ReverseHoldPartially(ctx, &anorbank.PartialReverseParams{BillID: b.ID, ReverseAmount: 30000})
		Expect(err).NotTo(HaveOccurred())
		Expect(part.Amount).To(Equal(int64(100000)), "amount = what is still held")
		Expect(part.SessionID).To(BeNil())
		expectFunds(env, cardOK, startFunds-100000, 100000)
		_, err = c.TopUpHold(ctx, top)
		expectCode(err, "limit exceeded", 200) // the cap is on the original hold
		_, err = c.ReverseHoldPartially(ctx, &anorbank.PartialReverseParams{BillID: b.ID, ReverseAmount: 100000})
		expectCode(err, "invalid params", 200)
		expectFunds(env, cardOK, startFunds-100000, 100000)

		conf, err := c.ConfirmHold(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(conf.Status).To(Equal(anorbank.StatusSuccess))
		Expect(conf.Amount).To(Equal(int64(100000)))
		expectFunds(env, cardOK, startFunds-100000, 0)
		_, err = c.TopUpHold(ctx, top)
		expectCode(err, "bill not valid", 200)
		_, err = c.ReverseHold(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
		expectFunds(env, cardOK, startFunds-100000, 0)
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusSuccess))
		Expect(st.Amount).To(Equal(int64(100000)))
	})

	It("reverses a hold entirely and then refuses to confirm it", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 40000)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-40000, 40000)
		rev, err := c.ReverseHold(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(rev.Status).To(Equal(anorbank.StatusCancelled))
		expectFunds(env, cardOK, startFunds, 0)
		_, err = c.ConfirmHold(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
		expectFunds(env, cardOK, startFunds, 0)
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
	})

	It("refuses a hold on a paid bill and a pay on a held one", func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 300)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		expectCode(err, "bill not valid", 200)
		expectFunds(env, cardOK, startFunds-300, 300)
		_, err = c.Hold(ctx, &anorbank.PayParams{BillID: 1, OTP: "1"})
		Expect(errors.Is(err, anorbank.ErrBillNotFound)).To(BeTrue(), "%v", err)
		expectFunds(env, cardOK, startFunds-300, 300)
	})
})

var _ = Describe("Anor Bank hold codes", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	It("runs the OTP model on hold/v2/otp and holds nothing until the right code", func() {
		env := fixtures.New()
		c := newClient(env)
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 777)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: "wrong"})
		expectCode(err, "invalid code retry", 200)
		expectFunds(env, cardOK, startFunds, 0)
		for range 2 { // the 3rd wrong try resends the code
			_, err = c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: "wrong"})
		}
		expectCode(err, "invalid code sms sent", 200)
		expectFunds(env, cardOK, startFunds, 0)
		held, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		Expect(held.Amount).To(Equal(int64(777)))
		expectFunds(env, cardOK, startFunds-777, 777)
	})

	It("refuses cancel/v3 without the role before reading the body", func() {
		env := fixtures.New()
		nc := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials("nocancel", "sandbox"))
		e := raw(env, nc, "POST", "/services/bmms/api/agent/cancel/v3", `{"billId": `)
		Expect(e).NotTo(BeNil())
		Expect(e.Detail).To(Equal("bad credentials"))
		Expect(e.HTTPStatus).To(Equal(401))
	})

	It("confirms a hold for recipient 1003 as a billing error: the hold is released, nothing debited", func() {
		env := fixtures.New()
		c := newClient(env)
		ctx := fixtures.Ctx()
		b, err := c.Check(ctx, &anorbank.CheckParams{RecipientID: 1003, Amount: 900, AgentTranID: tranID(), PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-900, 900)
		_, err = c.ConfirmHold(ctx, b.ID)
		expectCode(err, "billing error", 200)
		expectFunds(env, cardOK, startFunds, 0)
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
		Expect(st.Success).To(BeFalse())
	})
})

var _ = Describe("Anor Bank under concurrency", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	It("conserves the card's money when holds, top-ups, confirms and reverses race over HTTP", func() {
		env := fixtures.New()
		c := newClient(env)
		ctx := fixtures.Ctx()
		_, err := c.Login(ctx)
		Expect(err).NotTo(HaveOccurred())
		const n = 12
		bills := make([]*anorbank.Bill, n)
		for i := range bills {
			bills[i] = check(c, cardOK, 1000)
			_, err := c.Hold(ctx, &anorbank.PayParams{BillID: bills[i].ID, OTP: latestCode(env)})
			Expect(err).NotTo(HaveOccurred())
		}
		expectFunds(env, cardOK, startFunds-n*1000, n*1000)
		var wg sync.WaitGroup
		for i, b := range bills {
			for k := range 4 { // four racers per bill: top-up, top-up, confirm or reverse, partial reverse
				wg.Add(1)
				go func() {
					defer GinkgoRecover()
					defer wg.Done()
					switch k {
					case 0, 1:
						_, _ = c.TopUpHold(ctx, &anorbank.TopUpParams{BillID: b.ID, Amount: 200, PAN: cardOK, Exp: expiry})
					case 2:
						if i%2 == 0 {
							_, _ = c.ConfirmHold(ctx, b.ID)
						} else {
							_, _ = c.ReverseHold(ctx, b.ID)
						}
					case 3:
						_, _ = c.ReverseHoldPartially(ctx, &anorbank.PartialReverseParams{BillID: b.ID, ReverseAmount: 100})
					}
				}()
			}
		}
		wg.Wait()
		var settled, held int64
		for _, b := range bills {
			st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
			Expect(err).NotTo(HaveOccurred())
			switch st.Status {
			case anorbank.StatusSuccess:
				settled += st.Amount
			case anorbank.StatusHoldSuccess:
				held += st.Amount
				Expect(st.Amount).To(BeNumerically("<=", 1300), "a hold never passes its 30% cap")
			}
		}
		avail, h, err := env.Admin.Balance(ctx, cardOK)
		Expect(err).NotTo(HaveOccurred())
		Expect(h).To(Equal(held), "the card's held money is what the bills hold")
		Expect(avail+h+settled).To(Equal(startFunds), "available + held + settled is conserved")
	})
})
