package requisites

import (
	"errors"
	"net/http"
	"regexp"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var (
	paymentDocID = regexp.MustCompile(`^[0-9]{4}_[0-9]{10}$`)
	budgetDocID  = regexp.MustCompile(`^[0-9]{10}$`)
)

var _ = Describe("Requisites payment orders", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("pays by requisites: Введен, then Проведен once the clock passes settle_after, balance down by amount + commission", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		o, err := c.Pay(ctx, payment("ord-1", "29801000990248844444"))
		Expect(err).NotTo(HaveOccurred())
		Expect(o.PaymentStatus).To(Equal(requisites.StatusEntered))
		Expect(o.DocID).To(MatchRegexp(paymentDocID.String()), "RQ-10")
		Expect(balance(env, 34)).To(Equal(startBalance - 520_000))

		st, err := c.PaymentStatus(ctx, "ord-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(st).To(Equal(&requisites.Order{PaymentStatus: requisites.StatusEntered, DocID: o.DocID}))

		_, err = env.Admin.AdvanceClock(ctx, 5*time.Second) // D-6
		Expect(err).NotTo(HaveOccurred())
		st, err = c.PaymentStatus(ctx, "ord-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(st).To(Equal(&requisites.Order{PaymentStatus: requisites.StatusPosted, DocID: o.DocID}))
		Expect(balance(env, 34)).To(Equal(startBalance-520_000), "posting moves no more money")
		Expect(balance(env, 35)).To(Equal(startBalance), "other services untouched")
	})

	It("pays to the budget with a 10-digit doc_id (RQ-10) and settles the same way", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		o, err := c.PayBudget(ctx, &requisites.BudgetParams{
			OrderID: "bud-1", ServiceID: 33, Amount: 1_000_000, Commission: 0, Account: "400522860262837950100251028",
			INNReceiver: "207099143", PurposeCode: "09510", Purpose: "За патент за январь 2020 года",
		})
		Expect(err).NotTo(HaveOccurred())
		Expect(o.PaymentStatus).To(Equal(requisites.StatusEntered))
		Expect(o.DocID).To(MatchRegexp(budgetDocID.String()))
		Expect(balance(env, 33)).To(Equal(startBalance - 1_000_000))
		_, err = env.Admin.AdvanceClock(ctx, 6*time.Second)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.PaymentStatus(ctx, "bud-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(st.PaymentStatus).To(Equal(requisites.StatusPosted))
	})

	It("accepts the reference example's string numbers and a JSON-number variant alike (RQ-4)", func() {
		r := call(env, http.MethodPost, "/api/v2/payment", rawBody("009445151277"))
		Expect(r.status).To(Equal(http.StatusOK), r.text)
		Expect(r.body).To(HaveKeyWithValue("status", "success"))
		Expect(r.body).To(HaveKeyWithValue("code", float64(0)))
		Expect(r.body["data"]).To(HaveKeyWithValue("payment_status", "Введен"))
		body := rawBody("009445151278")
		body["amount"], body["comissionAmount"], body["serviceId"] = 500000, 20000, 34
		r = call(env, http.MethodPost, "/api/v2/payment", body)
		Expect(r.body).To(HaveKeyWithValue("status", "success"), r.text)
		Expect(balance(env, 34)).To(Equal(startBalance - 2*520_000))
	})

	It("refunds an order the bank refuses (account ending 6666 → Удален)", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		_, err := c.Pay(ctx, payment("ref-1", "29801000990248846666"))
		Expect(err).NotTo(HaveOccurred())
		Expect(balance(env, 34)).To(Equal(startBalance - 520_000))
		_, err = env.Admin.AdvanceClock(ctx, 5*time.Second)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.PaymentStatus(ctx, "ref-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(st.PaymentStatus).To(Equal(requisites.StatusDeleted))
		Expect(balance(env, 34)).To(Equal(startBalance), "the refusal gives amount + commission back")
	})

	It("keeps an order Введен for good when the outcome says final_status null (account ending 7777)", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		_, err := c.Pay(ctx, payment("stay-1", "29801000990248847777"))
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, time.Hour)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.PaymentStatus(ctx, "stay-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(st.PaymentStatus).To(Equal(requisites.StatusEntered))
		Expect(balance(env, 34)).To(Equal(startBalance - 520_000))
	})

	It("never pays an orderId twice: 1111, one order, one debit (RQ-1)", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		first, err := c.Pay(ctx, payment("dup-1", "29801000990248844444"))
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, payment("dup-1", "29801000990248844444"))
		Expect(errors.Is(err, requisites.ErrSystem)).To(BeTrue(), "%v", err)
		Expect(requisites.MustCheckStatus(err)).To(BeTrue())
		st, err := c.PaymentStatus(ctx, "dup-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(st.DocID).To(Equal(first.DocID), "the status leads back to the original order")
		Expect(balance(env, 34)).To(Equal(startBalance - 520_000))
	})

	It("refuses an order above the service balance with 1111 and moves nothing (RQ-8)", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		p := payment("big-1", "29801000990248844444")
		p.Amount, p.Commission = startBalance, 1
		_, err := c.Pay(ctx, p)
		Expect(errors.Is(err, requisites.ErrSystem)).To(BeTrue(), "%v", err)
		Expect(balance(env, 34)).To(Equal(startBalance))
		_, err = c.PaymentStatus(ctx, "big-1")
		Expect(errors.Is(err, requisites.ErrOrderNotFound)).To(BeTrue(), "%v", err)
	})

	It("applies an order whose answer is lost (account ending 9999), and Resolve finds it", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		_, err := c.Pay(ctx, payment("drop-1", "29801000990248849999"))
		Expect(errors.Is(err, requisites.ErrOutcomeUnknown)).To(BeTrue(), "%v", err)
		o, err := c.Resolve(ctx, "drop-1")
		Expect(err).NotTo(HaveOccurred())
		Expect(o).NotTo(BeNil(), "the order was created before the connection dropped")
		Expect(o.PaymentStatus).To(Equal(requisites.StatusEntered))
		Expect(balance(env, 34)).To(Equal(startBalance - 520_000))
		none, err := c.Resolve(ctx, "never-sent")
		Expect(err).NotTo(HaveOccurred())
		Expect(none).To(BeNil())
	})
})
