package anorbank

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("Anor Bank card binding", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	It("binds a card with the SMS code and lists it masked, then refuses it twice", func() {
		ctx := fixtures.Ctx()
		cards, err := c.UserCards(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(cards).To(BeEmpty())
		sent, err := c.SendOTP(ctx, &anorbank.SendOTPParams{PAN: cardHumoOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		Expect(sent.ID).To(BeNumerically(">=", 1_000_000_000), "send-otp id has 10 digits")
		Expect(sent.PhoneMask).To(Equal("99890******567"))
		expectFunds(env, cardHumoOK, startFunds, 0)

		token, err := c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		Expect(token).To(MatchRegexp(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))
		cards, err = c.UserCards(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(cards).To(ConsistOf(anorbank.UserCard{BankName: "AnorBank", CardType: "HUMO", CardHolderName: "ALI KARIMOV", PAN: "986000******0001", Expiry: "0727"}))

		_, err = c.SendOTP(ctx, &anorbank.SendOTPParams{PAN: cardHumoOK, Exp: "2707"}) // AN-5: YYMM fallback
		expectCode(err, "card already exists", 400)
		expectFunds(env, cardHumoOK, startFunds, 0)
	})

	It("names each card's issuing bank as §3.5 spells it: AnorBank, KapitalBank", func() {
		ctx := fixtures.Ctx()
		for _, card := range []struct{ pan, phone string }{
			{cardOK, magicPhone},                 // bank "Anorbank" in the default scenario
			{"9860000000000030", "998907654321"}, // bank "Kapitalbank"
		} {
			sent, err := c.SendOTP(ctx, &anorbank.SendOTPParams{PAN: card.pan, Exp: expiry})
			Expect(err).NotTo(HaveOccurred())
			code, err := env.Admin.LatestCode(ctx, card.phone)
			Expect(err).NotTo(HaveOccurred())
			_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: code})
			Expect(err).NotTo(HaveOccurred())
		}
		cards, err := c.UserCards(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(cards).To(ConsistOf(
			anorbank.UserCard{BankName: "AnorBank", CardType: "UZCARD", CardHolderName: "ALI KARIMOV", PAN: "860000******0001", Expiry: "0727"},
			anorbank.UserCard{BankName: "KapitalBank", CardType: "HUMO", CardHolderName: "DILNOZA YUSUPOVA", PAN: "986000******0030", Expiry: "0727"},
		))
	})

	It("walks the OTP model on verify-otp: retry, then D-14's #36 (400, not a 401), then the new code binds", func() {
		ctx := fixtures.Ctx()
		sent, err := c.SendOTP(ctx, &anorbank.SendOTPParams{PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		first := latestCode(env)
		_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: "000000x"})
		expectCode(err, "invalid code retry", 400)
		_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: "000000x"})
		expectCode(err, "invalid code retry", 400)
		_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: "000000x"})
		expectCode(err, "invalid code sms sent", 400) // D-14
		Expect(smsCount(env)).To(Equal(2))
		_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		_ = first
		expectFunds(env, cardOK, startFunds, 0)
	})

	It("expires the binding code after the OTP ttl", func() {
		ctx := fixtures.Ctx()
		sent, err := c.SendOTP(ctx, &anorbank.SendOTPParams{PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, 121*time.Second)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: latestCode(env)})
		expectCode(err, "code expired sms_sent", 400)
		_, err = env.Admin.AdvanceClock(ctx, 121*time.Second)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.VerifyOTP(ctx, &anorbank.VerifyOTPParams{ID: sent.ID, OTP: latestCode(env)})
		expectCode(err, "code expired restart", 400)
		cards, err := c.UserCards(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(cards).To(BeEmpty())
	})
})
