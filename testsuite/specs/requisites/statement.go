package requisites

import (
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("Requisites statement", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	window := func(typ int, last int64) *requisites.StatementParams {
		return &requisites.StatementParams{ServiceID: 34, Type: typ, LastID: last, FromDate: "2000-01-01", ToDate: "2100-12-31"}
	}

	It("pages by lastId: seeded incoming entries, then each new order as Расход following its status", func() {
		ctx, c := fixtures.Ctx(), newClient(env)
		seeded, err := c.Statement(ctx, window(0, 0))
		Expect(err).NotTo(HaveOccurred())
		Expect(seeded).To(HaveLen(3), "the default scenario seeds three entries for service 34")
		for i, e := range seeded {
			Expect(e.Type).To(Equal("Приход"))
			Expect(e.Status).To(Equal(requisites.StatusPosted))
			Expect(e.AccountReceiver).To(Equal("20208000900000034001"))
			if i > 0 {
				Expect(e.ID).To(BeNumerically(">", seeded[i-1].ID))
			}
		}
		last := seeded[len(seeded)-1].ID
		none, err := c.Statement(ctx, window(0, last))
		Expect(err).NotTo(HaveOccurred())
		Expect(none).To(BeEmpty())

		_, err = c.Pay(ctx, payment("st-1", "29801000990248844444"))
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, payment("st-2", "29801000990248846666"))
		Expect(err).NotTo(HaveOccurred())
		page, err := c.Statement(ctx, window(0, last))
		Expect(err).NotTo(HaveOccurred())
		Expect(page).To(HaveLen(2))
		Expect(page[0]).To(outgoingLine("Расход", 520_000, "29801000990248844444", requisites.StatusEntered), "amount + commission: what the balance lost")
		Expect(page[0].ID).To(BeNumerically(">", last))

		next, err := c.Statement(ctx, window(0, page[0].ID))
		Expect(err).NotTo(HaveOccurred())
		Expect(next).To(HaveLen(1))
		Expect(next[0].ID).To(Equal(page[1].ID))

		_, err = env.Admin.AdvanceClock(ctx, 5*time.Second)
		Expect(err).NotTo(HaveOccurred())
		out, err := c.Statement(ctx, window(2, last))
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(HaveLen(2))
		Expect(out[0].Status).To(Equal(requisites.StatusPosted))
		Expect(out[1].Status).To(Equal(requisites.StatusDeleted))
		in, err := c.Statement(ctx, window(1, last))
		Expect(err).NotTo(HaveOccurred())
		Expect(in).To(BeEmpty(), "type 1 is incoming only")

		all, err := c.StatementAll(ctx, *window(0, 0))
		Expect(err).NotTo(HaveOccurred())
		Expect(all).To(HaveLen(5))
	})

	It("filters by date, inclusive, and keeps the example's types (no code, numeric id and amount: RQ-4, RQ-9)", func() {
		ctx := fixtures.Ctx()
		now, err := env.Admin.Now(ctx)
		Expect(err).NotTo(HaveOccurred())
		future := now.Add(72 * time.Hour).Format(time.DateOnly)
		r := call(env, http.MethodPost, "/api/v2/account/payments", map[string]any{"type": "0", "lastId": 0, "fromDate": future, "toDate": future, "serviceId": "34"})
		Expect(r.status).To(Equal(http.StatusOK), r.text)
		Expect(r.body).To(Equal(map[string]any{"status": "success", "data": []any{}}))
		r = call(env, http.MethodPost, "/api/v2/account/payments", map[string]any{"type": "0", "lastId": 0, "fromDate": "2000-01-01", "toDate": "2100-01-01", "serviceId": 34})
		Expect(r.body).NotTo(HaveKey("code"))
		first := r.body["data"].([]any)[0].(map[string]any)
		Expect(first["id"]).To(BeNumerically(">", 0))
		Expect(first["amount"]).To(BeAssignableToTypeOf(float64(0)))
		Expect(first["docDate"]).To(MatchRegexp(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`))
		Expect(first["paymentDate"]).To(HaveSuffix(" 00:00:00"))
		b := call(env, http.MethodGet, "/api/v2/account/34/balance", nil)
		Expect(b.body).To(Equal(map[string]any{"status": "success", "data": map[string]any{"balance": "10000000000"}}), "RQ-4, RQ-9")
	})
})

// outgoingLine checks the fields a user reads off an outgoing line of service 34.
func outgoingLine(typ string, amount int64, account, status string) OmegaMatcher {
	return And(
		WithTransform(func(x requisites.StatementEntry) string { return x.Type }, Equal(typ)),
		WithTransform(func(x requisites.StatementEntry) int64 { return x.Amount }, Equal(amount)),
		WithTransform(func(x requisites.StatementEntry) string { return x.AccountReceiver }, Equal(account)),
		WithTransform(func(x requisites.StatementEntry) string { return x.Status }, Equal(status)),
		WithTransform(func(x requisites.StatementEntry) string { return x.AccountPayer }, Equal("20208000900000034001")),
	)
}
