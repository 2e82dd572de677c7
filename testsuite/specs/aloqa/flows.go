package aloqa

import (
	"errors"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/aloqa"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("AloqaGateway card binding", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("binds a card with the SMS code, in the lang header's language", func() {
		ctx := fixtures.Ctx()
		c := newClient(env, aloqa.WithLang("uz"))
		sent, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: "9860000000000001", Expiry: "0727", Phone: "998901234567"})
		Expect(err).NotTo(HaveOccurred())
		Expect(sent.Phone).To(Equal(phone1))
		Expect(sent.TransactionID).To(BeNumerically(">=", 1_000_000))
		msgs, err := env.Admin.SMS(ctx, phone1)
		Expect(err).NotTo(HaveOccurred())
		Expect(msgs[0].Provider).To(Equal(provider))
		Expect(msgs[0].Text).To(ContainSubstring("tasdiqlash kodi"), "lang: uz")

		_, err = c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: "wrong"})
		expectCode(err, -32308)
		card, err := c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: msgs[0].Code})
		Expect(err).NotTo(HaveOccurred())
		Expect(card.Token).To(MatchRegexp(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`))
		Expect(card.PAN).To(Equal("986000******0001"), "AQ-8: 6 + 6 stars + 4")
		Expect(card.Vendor).To(Equal("humo"))
		Expect(card.Balance).To(Equal(int64(1_000_000_000)))
		Expect(card.Currency).To(Equal("860"))
		Expect(card.Phone).To(Equal(phone1))
		Expect(card.Status).To(Equal(0))

		_, err = c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: msgs[0].Code})
		expectCode(err, -32392)
	})

	It("sends Russian texts for lang ru, an unknown lang or none (AQ-11)", func() {
		ctx := fixtures.Ctx()
		for _, lang := range []string{"ru", "en", ""} {
			_, err := newClient(env, aloqa.WithLang(lang)).AddCard(ctx, &aloqa.AddCardParams{PAN: "8600000000000001", Expiry: "0727", Phone: phone1})
			Expect(err).NotTo(HaveOccurred(), "lang %q", lang)
			msgs, err := env.Admin.SMS(ctx, phone1)
			Expect(err).NotTo(HaveOccurred())
			Expect(msgs[0].Text).To(ContainSubstring("код подтверждения"), "lang %q", lang)
		}
	})

	It("follows the OTP model: an expired code is -32308 and a new code is sent once", func() {
		ctx := fixtures.Ctx()
		c := newClient(env)
		sent, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: "8600000000000001", Expiry: "0727", Phone: phone1})
		Expect(err).NotTo(HaveOccurred())
		first, err := env.Admin.LatestCode(ctx, phone1)
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, 121*time.Second)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: first})
		expectCode(err, -32308)
		msgs, err := env.Admin.SMS(ctx, phone1)
		Expect(err).NotTo(HaveOccurred())
		Expect(msgs).To(HaveLen(2), "the expired code was replaced by a new one")
		card, err := c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: msgs[0].Code})
		Expect(err).NotTo(HaveOccurred())
		Expect(card.Token).NotTo(BeEmpty())
	})

	It("expires a card token after card_token_ttl (8760h)", func() {
		ctx := fixtures.Ctx()
		c := newClient(env)
		earlyInTheYear(ctx, env) // so the card (2027-07) outlives the token
		tok := bind(ctx, env, c, "8600000000000001")
		_, err := env.Admin.AdvanceClock(ctx, 8759*time.Hour)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Debit(ctx, debitParams(tok, 1000))
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, time.Hour)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Debit(ctx, debitParams(tok, 1000))
		expectCode(err, -32324)
	})
})

var _ = Describe("AloqaGateway debits and holds", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	const pan = "8600000000000001"
	var (
		env *fixtures.Env
		c   *aloqa.Client
		tok string
	)
	BeforeEach(func() {
		env = fixtures.New()
		c = newClient(env)
		tok = bind(fixtures.Ctx(), env, c, pan)
	})

	It("debits with SMS confirmation: nothing moves until the code is confirmed", func() {
		ctx := fixtures.Ctx()
		p := debitParams(tok, 150_000)
		p.ForceSMSConfirmation = true
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(r.NeedsSMS()).To(BeTrue())
		Expect(r.Phone).To(Equal(phone1))
		Expect(balance(ctx, env, pan)).To(Equal(int64(1_000_000_000)))

		_, err = c.Debit(ctx, debitParams(tok, 100))
		expectCode(err, -32364)

		code, err := env.Admin.LatestCode(ctx, phone1)
		Expect(err).NotTo(HaveOccurred())
		done, err := c.ConfirmDebit(ctx, &aloqa.ConfirmDebitParams{TransactionID: r.TransactionID, Code: code})
		Expect(err).NotTo(HaveOccurred())
		Expect(done.TransactionID).To(Equal(r.TransactionID))
		Expect(done.RefNum).To(MatchRegexp(`^[0-9]{12}$`), "UZCARD shape")
		Expect(done.MerchantID).To(Equal(merchant))
		Expect(balance(ctx, env, pan)).To(Equal(int64(999_850_000)))

		_, err = c.ConfirmDebit(ctx, &aloqa.ConfirmDebitParams{TransactionID: r.TransactionID, Code: code})
		expectCode(err, -32392)
		Expect(balance(ctx, env, pan)).To(Equal(int64(999_850_000)), "a second confirm changes nothing")
	})

	It("holds, then charges the hold (HELD -> DEBITED)", func() {
		ctx := fixtures.Ctx()
		p := debitParams(tok, 40_000)
		p.IsHold = true
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(r.NeedsSMS()).To(BeFalse())
		Expect(r.Completed()).To(BeFalse(), "a hold answers {transactionId} only")
		avail, held := balance(ctx, env, pan)
		Expect([]int64{avail, held}).To(Equal([]int64{999_960_000, 40_000}))

		charged, err := c.ChargeHold(ctx, r.TransactionID)
		Expect(err).NotTo(HaveOccurred())
		Expect(charged.TransactionID).To(Equal(r.TransactionID))
		Expect(charged.Ext).NotTo(BeEmpty())
		avail, held = balance(ctx, env, pan)
		Expect([]int64{avail, held}).To(Equal([]int64{999_960_000, 0}))

		_, err = c.ChargeHold(ctx, r.TransactionID)
		expectCode(err, -32312)
		expectCode(c.CancelHold(ctx, r.TransactionID), -32312)
		avail, held = balance(ctx, env, pan)
		Expect([]int64{avail, held}).To(Equal([]int64{999_960_000, 0}), "illegal transitions change nothing")
	})

	It("holds, then cancels the hold (HELD -> HOLD_CANCELLED)", func() {
		ctx := fixtures.Ctx()
		p := debitParams(tok, 25_000)
		p.IsHold = true
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(c.CancelHold(ctx, r.TransactionID)).To(Succeed())
		avail, held := balance(ctx, env, pan)
		Expect([]int64{avail, held}).To(Equal([]int64{1_000_000_000, 0}))
		expectCode(c.CancelHold(ctx, r.TransactionID), -32313)
		_, err = c.ChargeHold(ctx, r.TransactionID)
		expectCode(err, -32313)
	})

	It("debits at once, then reverses (DEBITED -> REVERSED)", func() {
		ctx := fixtures.Ctx()
		r, err := c.Debit(ctx, debitParams(tok, 70_000))
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Completed()).To(BeTrue())
		Expect(balance(ctx, env, pan)).To(Equal(int64(999_930_000)))
		Expect(c.ReverseDebit(ctx, r.TransactionID)).To(Succeed())
		Expect(balance(ctx, env, pan)).To(Equal(int64(1_000_000_000)))
		expectCode(c.ReverseDebit(ctx, r.TransactionID), -32313)
		Expect(balance(ctx, env, pan)).To(Equal(int64(1_000_000_000)), "a reverse applies once")
		expectCode(c.ReverseDebit(ctx, 1), -32314)
	})

	It("answers a HUMO card in the HUMO shape", func() {
		ctx := fixtures.Ctx()
		humo := bind(ctx, env, c, "9860000000000001")
		r, err := c.Debit(ctx, debitParams(humo, 1000))
		Expect(err).NotTo(HaveOccurred())
		Expect(r.PaymentRef).To(MatchRegexp(`^[0-9]{12}$`))
		Expect(r.AuthRefNumber).To(MatchRegexp(`^[0-9]{12}$`))
		Expect(r.Ext).To(BeEmpty())
	})
})

var _ = Describe("AloqaGateway P2P transfers", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	DescribeTable("moves amount + fee from the sender and amount to the recipient",
		func(route aloqa.Route, from, to string, fee int64) {
			ctx := fixtures.Ctx()
			c := newClient(env)
			tok := bind(ctx, env, c, from)
			const amount = 500_000
			info, err := c.RecipientInfo(ctx, to)
			Expect(err).NotTo(HaveOccurred())
			Expect(info).To(Equal(&aloqa.Recipient{Name: "DILNOZA YUSUPOVA", Vendor: strings.ToLower(strings.Split(string(route), "2")[1]), Expiry: "2707"}))
			q, err := c.FeeInfo(ctx, &aloqa.FeeInfoParams{PAN: from, PAN2: to, Phone: phone1, Amount: amount})
			Expect(err).NotTo(HaveOccurred())
			Expect(q.Fee).To(Equal(fee))
			Expect(q.AmountTotal).To(Equal(amount + fee))

			r, err := c.Transfer(ctx, route, &aloqa.TransferParams{Token: tok, PAN: to, Expiry: info.Expiry, Amount: amount})
			Expect(err).NotTo(HaveOccurred())
			Expect(r.FeeTiyin()).To(Equal(fee), "the route result's fee (a string) equals fee-info's")
			Expect(r.MerchantID).To(Equal(merchant))
			Expect(balance(ctx, env, from)).To(Equal(int64(1_000_000_000 - amount - fee)))
			Expect(balance(ctx, env, to)).To(Equal(int64(1_000_000_000 + amount)))
		},
		Entry("uzcard2uzcard (0.5%)", aloqa.Uzcard2Uzcard, "8600000000000001", "8600000000000030", int64(2500)),
		Entry("uzcard2humo (1%)", aloqa.Uzcard2Humo, "8600000000000001", "9860000000000030", int64(5000)),
		Entry("humo2uzcard (1%)", aloqa.Humo2Uzcard, "9860000000000001", "8600000000000030", int64(5000)),
		Entry("humo2humo (0.5%)", aloqa.Humo2Humo, "9860000000000001", "9860000000000030", int64(2500)),
	)

	It("confirms a transfer with the SMS code; the humo2uzcard confirm adds aprCode and auth_ref_number", func() {
		ctx := fixtures.Ctx()
		c := newClient(env)
		tok := bind(ctx, env, c, "9860000000000001")
		r, err := c.Transfer(ctx, aloqa.Humo2Uzcard, &aloqa.TransferParams{Token: tok, PAN: "8600000000000030", Expiry: "2707", Amount: 10_000, ForceSMSConfirmation: true})
		Expect(err).NotTo(HaveOccurred())
		Expect(r.NeedsSMS()).To(BeTrue())
		Expect(balance(ctx, env, "8600000000000030")).To(Equal(int64(1_000_000_000)))
		code, err := env.Admin.LatestCode(ctx, phone1)
		Expect(err).NotTo(HaveOccurred())
		done, err := c.ConfirmTransfer(ctx, &aloqa.ConfirmParams{TransactionID: r.TransactionID, Code: code})
		Expect(err).NotTo(HaveOccurred())
		Expect(done.Fee).To(Equal("100"))
		Expect(done.AprCode).To(MatchRegexp(`^[0-9]{6}$`))
		Expect(done.AuthRefNumber).To(MatchRegexp(`^[0-9]{12}$`))
		Expect(balance(ctx, env, "9860000000000001")).To(Equal(int64(1_000_000_000 - 10_100)))
		Expect(balance(ctx, env, "8600000000000030")).To(Equal(int64(1_000_010_000)))
		_, err = c.ConfirmTransfer(ctx, &aloqa.ConfirmParams{TransactionID: r.TransactionID, Code: code})
		expectCode(err, -32392)
		Expect(balance(ctx, env, "8600000000000030")).To(Equal(int64(1_000_010_000)))
	})
})

var _ = Describe("AloqaGateway monitoring", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	It("lists the card's debits, holds, reversals and P2P legs from the sandbox state", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		c := newClient(env)
		tok := bind(ctx, env, c, "8600000000000001")
		d, err := c.Debit(ctx, debitParams(tok, 30_000))
		Expect(err).NotTo(HaveOccurred())
		Expect(c.ReverseDebit(ctx, d.TransactionID)).To(Succeed())
		hp := debitParams(tok, 20_000)
		hp.IsHold = true
		_, err = c.Debit(ctx, hp)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Transfer(ctx, aloqa.Uzcard2Uzcard, &aloqa.TransferParams{Token: tok, PAN: "8600000000000030", Expiry: "2707", Amount: 100_000})
		Expect(err).NotTo(HaveOccurred())

		now, err := env.Admin.Now(ctx)
		Expect(err).NotTo(HaveOccurred())
		day := now.In(time.FixedZone("UZT", 5*3600)).Format("2006-01-02")
		h, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{tok}, From: day, To: day, Size: 50})
		Expect(err).NotTo(HaveOccurred())
		Expect(h.Transactions).To(HaveLen(4))
		Expect(h.TotalDebit).To(Equal(int64(30_000+100_500)), "a hold reserves money; the totals count what moved")
		Expect(h.Transactions[1].Type).To(Equal("210"), "the hold is listed as a hold")
		Expect(h.TotalCredit).To(Equal(int64(30_000)))
		p2p := h.Transactions[0]
		Expect(p2p.Amount).To(Equal(int64(100_500)), "newest first: the P2P leg, amount + fee")
		Expect(p2p.PAN).To(Equal("860000******0001"))
		Expect(p2p.ID).To(MatchRegexp(`^[0-9a-f]{24}$`))
		Expect(p2p.Day()).To(Equal(now.In(time.FixedZone("UZT", 5*3600)).Year()*10000 + int(now.In(time.FixedZone("UZT", 5*3600)).Month())*100 + now.In(time.FixedZone("UZT", 5*3600)).Day()))
		Expect(h.Transactions[2].Reversal).To(BeTrue())
		Expect(h.Transactions[2].IsCredit).To(BeTrue())

		page, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{tok}, From: day, To: day, Page: 1, Size: 3})
		Expect(err).NotTo(HaveOccurred())
		Expect(page.Transactions).To(HaveLen(1))
		Expect(page.TotalDebit).To(Equal(h.TotalDebit), "totals cover the period, not the page")

		e, err := c.Entry(ctx, p2p.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(e.CardNumber).To(Equal("8600000000000001"))
		Expect(e.Update).To(Equal(p2p.UDate), "get/entry names the date `update` (AQ-3)")

		rec := bind(ctx, env, c, "8600000000000030")
		rh, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{rec}, From: day, To: day})
		Expect(err).NotTo(HaveOccurred())
		Expect(rh.Transactions).To(HaveLen(1))
		Expect(rh.Transactions[0].IsCredit).To(BeTrue())
		Expect(rh.TotalCredit).To(Equal(int64(100_000)))
	})
})

var _ = Describe("AloqaGateway requests", fixtures.Provider(provider), func() {
	It("refuses bad Basic credentials with HTTP 401 and -32504 on every path", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		for _, path := range []string{"/cards/add", "/transactions/debit", "/p2p/fee-info", "/cards/monitoring"} {
			user, _ := credentials()
			e := expectCode(raw(ctx, env, path, `{}`, user, "wrong"), -32504)
			Expect(e.HTTPStatus).To(Equal(401))
		}
	})
})

var _ = Describe("AloqaGateway unknown outcomes", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	It("commits a debit on card 25 and drops the answer; the client does not resend, monitoring shows it once", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		c := newClient(env)
		const pan = "8600000000000025"
		tok := bind(ctx, env, c, pan)
		_, err := c.Debit(ctx, debitParams(tok, 12_345))
		Expect(err).To(HaveOccurred(), "apply_then_drop: the connection resets")
		var e *aloqa.Error
		Expect(errors.As(err, &e)).To(BeFalse(), "no envelope arrived")
		Expect(balance(ctx, env, pan)).To(Equal(int64(1_000_000_000-12_345)), "the money moved exactly once")

		now, err := env.Admin.Now(ctx)
		Expect(err).NotTo(HaveOccurred())
		day := now.In(time.FixedZone("UZT", 5*3600)).Format("2006-01-02")
		h, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{tok}, From: day, To: day})
		Expect(err).NotTo(HaveOccurred())
		Expect(h.Transactions).To(HaveLen(1))
		Expect(h.Transactions[0].Amount).To(Equal(int64(12_345)))
		debits := func() int {
			reqs, err := env.Admin.Requests(ctx, provider, 10)
			Expect(err).NotTo(HaveOccurred())
			n := 0
			for _, r := range reqs {
				if r.Operation == "transactions/debit" {
					n++
				}
			}
			return n
		}
		// The dropped exchange is journaled when its handler returns, a moment after the reset.
		Eventually(debits).Should(Equal(1))
		Consistently(debits, "200ms", "50ms").Should(Equal(1), "the client never resends a debit")
	})

	It("answers an armed fault with the documented code and changes nothing", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		c := newClient(env)
		tok := bind(ctx, env, c, "8600000000000001")
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: provider, Operation: []string{"transactions/debit"}, Error: "-32343"})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Debit(ctx, debitParams(tok, 1000))
		expectCode(err, -32343)
		Expect(balance(ctx, env, "8600000000000001")).To(Equal(int64(1_000_000_000)))
		_, err = c.Debit(ctx, debitParams(tok, 1000))
		Expect(err).NotTo(HaveOccurred(), "a fault fires once by default")
	})
})

var _ = Describe("AloqaGateway malformed requests", fixtures.Provider(provider), func() {
	It("answers every bad input with the envelope, never a bare error", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		user, pass := credentials()
		cases := map[string]struct {
			path, body string
			code       int
		}{
			"not JSON":      {"/cards/add", `{"pan"`, -32700},
			"not an object": {"/transactions/debit", `"x"`, -32600},
			"over 1 MiB":    {"/cards/add", `{"pan":"` + strings.Repeat("9", 1<<20) + `"}`, -32600},
			"wrong type":    {"/transactions/debit", `{"token":"t","amount":{"x":1},"merchantId":"90000001","terminalId":"91000001"}`, -32300},
			"missing field": {"/p2p/recipient-info", `{}`, -32300},
			"unknown path":  {"/transactions/refund", `{}`, -32601},
		}
		for name, tc := range cases {
			e := expectCode(raw(ctx, env, tc.path, tc.body, user, pass), tc.code)
			Expect(e.HTTPStatus).To(Equal(200), name)
		}
	})
})
