package aloqa

import (
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/aloqa"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
	"github.com/paysandbox/paysandbox/testsuite/profile"
)

// sandboxValues are the live profile's entries, or the default scenario's
// healthy values: no magic value, so the flows run on either.
type sandboxValues struct {
	card               profile.Card
	recipients         []profile.Card
	merchant, terminal string
	amount             int64
}

func values() sandboxValues {
	GinkgoHelper()
	if !fixtures.Suite.Target.IsLive() {
		return sandboxValues{
			card:       profile.Card{PAN: "8600000000000001", Expiry: "0727", Phone: phone1},
			recipients: []profile.Card{{PAN: "8600000000000030", Expiry: "0727"}, {PAN: "9860000000000030", Expiry: "0727"}},
			merchant:   merchant, terminal: terminal, amount: 100_000,
		}
	}
	lp := fixtures.Live(provider)
	fixtures.Require(len(lp.Cards) > 0 && lp.Cards[0].Phone != "", "providers.aloqa.cards[0] with a phone")
	fixtures.Require(lp.MerchantID != "" && lp.TerminalID != "", "providers.aloqa.merchant_id and terminal_id")
	v := sandboxValues{card: lp.Cards[0], recipients: lp.Recipients, merchant: lp.MerchantID, terminal: lp.TerminalID, amount: lp.Amount}
	if v.amount == 0 {
		v.amount = 100_000
	}
	return v
}

// routeTo is the P2P route from a UZCARD (8600) or HUMO (9860) card to another.
func routeTo(from, to string) aloqa.Route {
	kind := func(pan string) string {
		if strings.HasPrefix(pan, "9860") {
			return "humo"
		}
		return "uzcard"
	}
	return aloqa.Route(kind(from) + "2" + kind(to))
}

var _ = Describe("AloqaGateway flows a real sandbox allows", Ordered, fixtures.Provider(provider), Label("live-verified"), func() {
	var env *fixtures.Env
	var c *aloqa.Client
	var v sandboxValues
	var token string
	BeforeAll(func() { env = fixtures.New(); c = newClient(env); v = values() })

	debit := func(amount int64) *aloqa.DebitParams {
		return &aloqa.DebitParams{Token: token, Amount: amount, MerchantID: v.merchant, TerminalID: v.terminal}
	}
	needToken := func() {
		if token == "" {
			Skip(fixtures.SkipProfileLacks + "a bound card: the binding spec did not bind providers.aloqa.cards[0]")
		}
	}

	It("binds a test card with the SMS code, refusing a wrong code first", func() {
		ctx := fixtures.Ctx()
		sent, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: v.card.PAN, Expiry: v.card.Expiry, Phone: v.card.Phone})
		Expect(err).NotTo(HaveOccurred())
		Expect(sent.TransactionID).To(BeNumerically(">", 0))
		_, err = c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: "wrong"})
		expectCode(err, -32308)
		card, err := c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: env.OTP(provider, v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		Expect(card.Token).NotTo(BeEmpty())
		Expect(card.PAN).To(HaveSuffix(v.card.PAN[12:]))
		token = card.Token
	})

	It("debits with SMS confirmation", func() {
		needToken()
		ctx := fixtures.Ctx()
		p := debit(v.amount)
		p.ForceSMSConfirmation = true
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(r.NeedsSMS()).To(BeTrue(), "force_sms_confirmation answers {phone, transactionId}")
		done, err := c.ConfirmDebit(ctx, &aloqa.ConfirmDebitParams{TransactionID: r.TransactionID, Code: env.OTP(provider, v.card.Phone)})
		Expect(err).NotTo(HaveOccurred())
		Expect(done.Completed()).To(BeTrue())
	})

	It("debits without SMS, reverses it, and refuses a second reverse and an unknown transaction", func() {
		needToken()
		ctx := fixtures.Ctx()
		r, err := c.Debit(ctx, debit(v.amount))
		Expect(err).NotTo(HaveOccurred())
		Expect(r.Completed()).To(BeTrue())
		Expect(c.ReverseDebit(ctx, r.TransactionID)).To(Succeed())
		expectCode(c.ReverseDebit(ctx, r.TransactionID), -32313)
		expectCode(c.ReverseDebit(ctx, 1), -32314)
	})

	It("holds, then charges the hold", func() {
		needToken()
		ctx := fixtures.Ctx()
		p := debit(v.amount)
		p.IsHold = true
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		charged, err := c.ChargeHold(ctx, r.TransactionID)
		Expect(err).NotTo(HaveOccurred())
		Expect(charged.TransactionID).To(Equal(r.TransactionID))
	})

	It("holds, then cancels the hold", func() {
		needToken()
		ctx := fixtures.Ctx()
		p := debit(v.amount)
		p.IsHold = true
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(c.CancelHold(ctx, r.TransactionID)).To(Succeed())
	})

	It("quotes the fee and transfers on each recipient's P2P route", func() {
		needToken()
		fixtures.Require(len(v.recipients) > 0, "providers.aloqa.recipients")
		ctx := fixtures.Ctx()
		for _, to := range v.recipients {
			info, err := c.RecipientInfo(ctx, to.PAN)
			Expect(err).NotTo(HaveOccurred(), "recipient-info %s…", to.PAN[:6])
			fee, err := c.FeeInfo(ctx, &aloqa.FeeInfoParams{PAN: v.card.PAN, PAN2: to.PAN, Phone: v.card.Phone, Amount: v.amount})
			Expect(err).NotTo(HaveOccurred())
			Expect(fee.AmountTotal).To(Equal(v.amount + fee.Fee))
			r, err := c.Transfer(ctx, routeTo(v.card.PAN, to.PAN), &aloqa.TransferParams{Token: token, PAN: to.PAN, Expiry: info.Expiry, Amount: v.amount})
			Expect(err).NotTo(HaveOccurred(), "route %s", routeTo(v.card.PAN, to.PAN))
			if r.NeedsSMS() {
				_, err = c.ConfirmTransfer(ctx, &aloqa.ConfirmParams{TransactionID: r.TransactionID, Code: env.OTP(provider, v.card.Phone)})
				Expect(err).NotTo(HaveOccurred())
			}
		}
	})

	It("lists the card's operations in monitoring", func() {
		needToken()
		if !fixtures.Suite.Target.IsLive() {
			Skip(fixtures.SkipNotApplicable + "in process the namespace clock is not the wall clock; the monitoring spec covers it")
		}
		ctx := fixtures.Ctx()
		uzt := time.FixedZone("UZT", 5*3600)
		now := time.Now().In(uzt)
		h, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{token}, From: now.AddDate(0, 0, -1).Format("2006-01-02"), To: now.AddDate(0, 0, 1).Format("2006-01-02"), Size: 50})
		Expect(err).NotTo(HaveOccurred())
		Expect(h.Transactions).NotTo(BeEmpty(), "the debits above are listed")
	})
})
