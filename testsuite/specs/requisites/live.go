package requisites

import (
	"errors"
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// livePayment is a payment built from the profile (or the default scenario).
func livePayment(orderID string) (*requisites.PaymentParams, int64) {
	GinkgoHelper()
	p := payment(orderID, "29801000990248844444")
	if !fixtures.Suite.Target.IsLive() {
		return p, 34
	}
	lp := fixtures.Live(provider)
	fixtures.Require(lp.ServiceID != 0, "providers.requisites.service_id")
	fixtures.Require(lp.Receiver != nil, "providers.requisites.receiver")
	p.ServiceID = lp.ServiceID
	p.ReceiverName, p.MFOReceiver, p.Account, p.INNReceiver = lp.Receiver.Name, lp.Receiver.MFO, lp.Receiver.Account, lp.Receiver.INN
	if lp.Card != nil {
		p.CardType, p.CardNumber = lp.Card.Type, lp.Card.Number
	}
	if lp.Amount > 0 {
		p.Amount, p.Commission = lp.Amount, lp.Commission
	}
	return p, lp.ServiceID
}

var _ = Describe("Requisites flows a real sandbox allows", fixtures.Provider(provider), Label("live-verified"), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("pays, answers the same orderId again with 1111, and polls the status until final", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		services, err := c.Services(ctx)
		Expect(err).NotTo(HaveOccurred())
		p, service := livePayment(fixtures.Unique("rq"))
		var ids []int64
		for _, s := range services {
			ids = append(ids, s.ID)
		}
		Expect(ids).To(ContainElement(service), "the service the profile names is listed")
		o, err := c.Pay(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(o.DocID).NotTo(BeEmpty())
		_, err = c.Pay(ctx, p)
		Expect(errors.Is(err, requisites.ErrSystem)).To(BeTrue(), "%v", err)

		if !fixtures.Suite.Target.IsLive() {
			return // in process the order settles on the sandbox clock (payment orders spec)
		}
		every, total := fixtures.Live(provider).Polling(time.Second, 5*time.Minute)
		Eventually(func(g Gomega) {
			st, err := c.PaymentStatus(fixtures.Ctx(), p.OrderID)
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(st.Final()).To(BeTrue(), "status %s", st.PaymentStatus)
		}).WithPolling(every).WithTimeout(total).Should(Succeed())
	})

	It("reads the service balance and pages the statement by lastId", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		_, service := livePayment("unused")
		_, err := c.Balance(ctx, service)
		Expect(err).NotTo(HaveOccurred())
		window := requisites.StatementParams{ServiceID: service, FromDate: "2000-01-01", ToDate: time.Now().AddDate(0, 0, 1).Format("2006-01-02")}
		first, err := c.Statement(ctx, &window)
		Expect(err).NotTo(HaveOccurred())
		if len(first) == 0 {
			Skip(fixtures.SkipNotApplicable + "the statement of the service is empty: nothing to page")
		}
		window.LastID = first[len(first)-1].ID
		next, err := c.Statement(ctx, &window)
		Expect(err).NotTo(HaveOccurred())
		for _, e := range next {
			Expect(e.ID).To(BeNumerically(">", window.LastID))
		}
	})

	It("answers an unknown order with 1008 and a missing field with 1017", func() {
		expectError(call(env, http.MethodGet, "/api/v2/payment/"+fixtures.Unique("never-sent"), nil), http.StatusOK, 1008, "Не удалось получить данные")
		p, _ := livePayment(fixtures.Unique("rq-missing"))
		body := map[string]any{"orderId": p.OrderID, "amount": "500000", "comissionAmount": "0", "serviceId": "34"}
		r := call(env, http.MethodPost, "/api/v2/payment", body)
		Expect(r.body).To(HaveKeyWithValue("code", 1017.0), r.text)
	})
})
