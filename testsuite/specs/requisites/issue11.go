package requisites

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// Issue 11, "wrong but tolerable" and the 1111 / 2222 outcome: behaviour of
// the default scenario, so these need the control API.
var _ = Describe("Requisites answers real clients rely on", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	DescribeTable("creates the order, then answers 1111 / 2222 (account endings 8111 / 8222): the status query finds it",
		func(account string, code int, message string, want error) {
			ctx, c := fixtures.Ctx(), newClient(env)
			_, err := c.Pay(ctx, payment("created-1", account))
			Expect(errors.Is(err, want)).To(BeTrue(), "%v", err)
			Expect(requisites.MustCheckStatus(err)).To(BeTrue(), "the documented advice: query the status")
			expectError(call(env, http.MethodPost, "/api/v2/payment", withAccount(rawBody("created-2"), account)), http.StatusOK, code, message)

			for _, id := range []string{"created-1", "created-2"} {
				st, err := c.PaymentStatus(ctx, id)
				Expect(err).NotTo(HaveOccurred(), "%s was created before the error", id)
				Expect(st.PaymentStatus).To(Equal(requisites.StatusEntered))
				Expect(st.DocID).To(MatchRegexp(paymentDocID.String()))
			}
			Expect(balance(env, 34)).To(Equal(startBalance - 2*520_000))
			_, err = c.Pay(ctx, payment("created-1", "29801000990248844444"))
			Expect(errors.Is(err, requisites.ErrSystem)).To(BeTrue(), "a retry is a duplicate (RQ-1): %v", err)
			Expect(balance(env, 34)).To(Equal(startBalance-2*520_000), "a retry never pays twice")

			_, err = env.Admin.AdvanceClock(ctx, 5*time.Second)
			Expect(err).NotTo(HaveOccurred())
			st, err := c.PaymentStatus(ctx, "created-1")
			Expect(err).NotTo(HaveOccurred())
			Expect(st.PaymentStatus).To(Equal(requisites.StatusPosted))
		},
		Entry("1111 Системная ошибка", "29801000990248848111", 1111, "Системная ошибка", requisites.ErrSystem),
		Entry("2222 Критическая ошибка", "29801000990248848222", 2222, "Критическая ошибка", requisites.ErrCritical),
	)

	It("reconciles the statement with the balance: each Расход line is amount + commission (issue 11)", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		before, err := c.StatementAll(ctx, requisites.StatementParams{ServiceID: 34, FromDate: "2000-01-01", ToDate: "2100-01-01"})
		Expect(err).NotTo(HaveOccurred())
		p := payment("rec-1", "29801000990248844444")
		p.Amount, p.Commission = 1_234_567, 8_901
		_, err = c.Pay(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, payment("rec-2", "29801000990248846666")) // refused: refunded
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, payment("rec-3", "29801000990248844444"))
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, 5*time.Second)
		Expect(err).NotTo(HaveOccurred())

		all, err := c.StatementAll(ctx, requisites.StatementParams{ServiceID: 34, FromDate: "2000-01-01", ToDate: "2100-01-01"})
		Expect(err).NotTo(HaveOccurred())
		Expect(all).To(HaveLen(len(before) + 3))
		spent := int64(0)
		for _, e := range all[len(before):] {
			Expect(e.Type).To(Equal("Расход"))
			if e.Status != requisites.StatusDeleted {
				spent += e.Amount
			}
		}
		Expect(all[len(before)].Amount).To(Equal(int64(1_234_567 + 8_901)))
		Expect(balance(env, 34)).To(Equal(startBalance-spent), "start − live Расход lines = balance")
	})

	It("answers a GET statement with the fields as a query string, as the POST body (RQ-7)", func() {
		q := url.Values{"type": {"1"}, "lastId": {"0"}, "fromDate": {"2000-01-01"}, "toDate": {"2100-01-01"}, "serviceId": {"34"}}
		get := call(env, http.MethodGet, "/api/v2/account/payments?"+q.Encode(), nil)
		post := call(env, http.MethodPost, "/api/v2/account/payments", map[string]any{"type": "1", "lastId": 0, "fromDate": "2000-01-01", "toDate": "2100-01-01", "serviceId": 34})
		Expect(get.status).To(Equal(http.StatusOK), get.text)
		Expect(get.body).To(Equal(post.body))
		Expect(get.body["data"]).To(HaveLen(3))
		q.Del("serviceId")
		expectError(call(env, http.MethodGet, "/api/v2/account/payments?"+q.Encode(), nil), http.StatusOK, 1017, "Отсутствуют обязательные поля")
	})
})

func withAccount(b map[string]any, account string) map[string]any {
	b["receiverAccount"] = account
	return b
}
