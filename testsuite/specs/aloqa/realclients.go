package aloqa

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/aloqa"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// Issue 11 ("real clients never break"), AloqaGateway items, in the
// issue's order. Specs a live sandbox can answer carry no needs-control.

// bindCard binds a default-scenario card and returns add-confirm's answer.
func bindCard(ctx context.Context, env *fixtures.Env, c *aloqa.Client, pan string) *aloqa.Card {
	sent, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: pan, Expiry: "0727", Phone: "+" + phoneOf(pan)})
	Expect(err).NotTo(HaveOccurred(), "cards/add %s", pan)
	code, err := env.Admin.LatestCode(ctx, sent.Phone)
	Expect(err).NotTo(HaveOccurred())
	card, err := c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: code})
	Expect(err).NotTo(HaveOccurred(), "cards/add-confirm %s", pan)
	return card
}

// today is the sandbox day in Tashkent, as monitoring's from/to want it.
func today(ctx context.Context, env *fixtures.Env) string {
	now, err := env.Admin.Now(ctx)
	Expect(err).NotTo(HaveOccurred())
	return now.In(time.FixedZone("UZT", 5*3600)).Format("2006-01-02")
}

var _ = Describe("AloqaGateway: what real clients see (issue 11)", fixtures.Provider(provider), func() {
	It("serves a documented path with one trailing slash as that path", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		user, pass := credentials()
		body := `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":5000}`
		Expect(raw(ctx, env, "/p2p/fee-info/", body, user, pass)).To(Succeed())
		expectCode(raw(ctx, env, "/p2p/no-such-path/", body, user, pass), -32601)
	})

	It("challenges every Basic 401 with WWW-Authenticate (D-19)", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		for _, path := range []string{"/cards/add", "/transactions/debit/hold/charge", "/p2p/confirm", "/monitoring/get/entry"} {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, env.BaseURL(provider)+path, strings.NewReader(`{}`))
			Expect(err).NotTo(HaveOccurred())
			req.SetBasicAuth("sandbox", "wrong")
			resp, err := env.HTTPClient(provider).Do(req)
			Expect(err).NotTo(HaveOccurred())
			resp.Body.Close()
			Expect(resp.StatusCode).To(Equal(http.StatusUnauthorized), path)
			Expect(resp.Header.Get("WWW-Authenticate")).To(HavePrefix("Basic realm="), path)
		}
	})

	It("answers an unknown path with -32601 and the reference's text", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		user, pass := credentials()
		e := expectCode(raw(ctx, env, "/cards/remove", `{}`, user, pass), -32601)
		Expect(e.Message).To(Equal("Запрашиваемый метод не найден."))
	})

	DescribeTable("refuses input formats beyond the reference with the documented code (D-20)",
		func(path, body string, code int) {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			user, pass := credentials()
			expectCode(raw(ctx, env, path, body, user, pass), code)
		},
		Entry("PAN with spaces", "/cards/add", `{"pan":"8600 0000 0000 0001","expiry":"0727","phone":"998901234567"}`, -32304),
		Entry("expiry 07/27", "/cards/add", `{"pan":"8600000000000001","expiry":"07/27","phone":"998901234567"}`, -32305),
		Entry("amount 1e3", "/p2p/fee-info", `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":1e3}`, -32385),
		Entry("amount 100.0", "/p2p/fee-info", `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":100.0}`, -32385),
		Entry(`amount "100.0"`, "/p2p/fee-info", `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":"100.0"}`, -32385),
	)

	It("quotes an unknown recipient as the transfer answers it: -32302", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		user, pass := credentials()
		body := `{"pan":"8600000000000001","pan2":"8600000000009999","phone":"998901234567","amount":5000}`
		expectCode(raw(ctx, env, "/p2p/fee-info", body, user, pass), -32302)
	})

	Context("with the control API", fixtures.NeedsControl, func() {
		It("refuses a transfer from a card to itself with -32390, and its quote alike", func() {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			c := newClient(env)
			tok := bind(ctx, env, c, "8600000000000001")
			_, err := c.Transfer(ctx, aloqa.Uzcard2Uzcard, &aloqa.TransferParams{Token: tok, PAN: "8600000000000001", Expiry: "2707", Amount: 5000})
			expectCode(err, -32390)
			_, err = c.FeeInfo(ctx, &aloqa.FeeInfoParams{PAN: "8600000000000001", PAN2: "8600000000000001", Phone: phone1, Amount: 5000})
			expectCode(err, -32390)
			Expect(balance(ctx, env, "8600000000000001")).To(Equal(int64(1_000_000_000)))
		})

		DescribeTable("cards/add-confirm reports the card's real status and pincnt",
			func(pan string, status, pincnt int) {
				env := fixtures.New()
				ctx := fixtures.Ctx()
				card := bindCard(ctx, env, newClient(env), pan)
				Expect(card.Status).To(Equal(status))
				Expect(card.PinCnt).To(Equal(pincnt))
			},
			Entry("active", "8600000000000001", 0, 0),
			Entry("blocked", "8600000000000003", 1, 0),
			Entry("temporarily blocked", "8600000000000007", 2, 0),
			Entry("blacklisted", "8600000000000008", 3, 0),
			Entry("PIN locked", "8600000000000009", 4, 3),
			Entry("account blocked", "8600000000000010", 5, 0),
		)

		It("releases a hold nobody charges after 30 days on the sandbox clock (D-18)", func() {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			c := newClient(env)
			const pan = "8600000000000001"
			tok := bind(ctx, env, c, pan)
			hp := debitParams(tok, 60_000)
			hp.IsHold = true
			held, err := c.Debit(ctx, hp)
			Expect(err).NotTo(HaveOccurred())
			_, err = env.Admin.AdvanceClock(ctx, 30*24*time.Hour+time.Minute)
			Expect(err).NotTo(HaveOccurred())
			h, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{tok}, From: "2020-01-01", To: today(ctx, env)})
			Expect(err).NotTo(HaveOccurred())
			Expect(h.Transactions).To(HaveLen(2))
			Expect(h.Transactions[0].Type).To(Equal("211"), "the release")
			Expect(h.Transactions[0].Amount).To(Equal(int64(60_000)))
			Expect(balance(ctx, env, pan)).To(Equal(int64(1_000_000_000)), "the money is back")
			_, err = c.ChargeHold(ctx, held.TransactionID)
			expectCode(err, -32313)
		})

		DescribeTable("releases a stale hold after settings.aloqa.hold_ttl, or never when it is 0s (D-18)",
			func(ttl string, wait time.Duration, released bool) {
				env := fixtures.New()
				ctx := fixtures.Ctx()
				fixtures.SetSetting(env, provider, "hold_ttl", ttl)
				c := newClient(env)
				const pan = "8600000000000001"
				tok := bind(ctx, env, c, pan)
				hp := debitParams(tok, 60_000)
				hp.IsHold = true
				held, err := c.Debit(ctx, hp)
				Expect(err).NotTo(HaveOccurred())
				_, err = env.Admin.AdvanceClock(ctx, wait)
				Expect(err).NotTo(HaveOccurred())
				// The charge touches the domain (expiry is lazy, and needs no
				// card token, which ten years outlive); then the ledger.
				_, err = c.ChargeHold(ctx, held.TransactionID)
				if released {
					expectCode(err, -32313)
					Expect(balance(ctx, env, pan)).To(Equal(int64(1_000_000_000)), "the money is back")
					return
				}
				Expect(err).NotTo(HaveOccurred(), "still held, so it charges")
				avail, onHold := balance(ctx, env, pan)
				Expect([]int64{avail, onHold}).To(Equal([]int64{1_000_000_000 - 60_000, 0}))
			},
			Entry("1h, a second early: held", "1h", time.Hour-time.Second, false),
			Entry("1h, at the hour: released", "1h", time.Hour, true),
			Entry("0s, ten years on: held", "0s", 10*365*24*time.Hour, false),
		)

		It("records the app-name header in the journal (AQ-11)", func() {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			c := newClient(env) // sends app-name paysandbox-suite
			_, err := c.FeeInfo(ctx, &aloqa.FeeInfoParams{PAN: "8600000000000001", PAN2: "9860000000000030", Phone: phone1, Amount: 5000})
			Expect(err).NotTo(HaveOccurred())
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, fixtures.Suite.Target.URL+"/ns/"+env.Namespace+"/__admin/requests?provider=aloqa", nil)
			Expect(err).NotTo(HaveOccurred())
			if tok := os.Getenv("PAYSANDBOX_ADMIN_TOKEN"); tok != "" {
				req.Header.Set("Authorization", "Bearer "+tok)
			}
			resp, err := http.DefaultClient.Do(req)
			Expect(err).NotTo(HaveOccurred())
			defer resp.Body.Close()
			var j struct {
				Requests []struct {
					Operation string `json:"operation"`
					Client    string `json:"client"`
				} `json:"requests"`
			}
			Expect(json.NewDecoder(resp.Body).Decode(&j)).To(Succeed())
			Expect(j.Requests).NotTo(BeEmpty())
			Expect(j.Requests[0].Operation).To(Equal("p2p/fee-info"))
			Expect(j.Requests[0].Client).To(Equal("paysandbox-suite"))
		})

		It("shows a hold as a hold, its capture at the capture's time, with the references the answers gave", func() {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			c := newClient(env)
			tok := bind(ctx, env, c, "9860000000000001") // HUMO
			hp := debitParams(tok, 40_000)
			hp.IsHold = true
			held, err := c.Debit(ctx, hp)
			Expect(err).NotTo(HaveOccurred())
			_, err = env.Admin.AdvanceClock(ctx, time.Hour)
			Expect(err).NotTo(HaveOccurred())
			charged, err := c.ChargeHold(ctx, held.TransactionID)
			Expect(err).NotTo(HaveOccurred())
			now, err := env.Admin.Now(ctx)
			Expect(err).NotTo(HaveOccurred())

			day := today(ctx, env)
			h, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{tok}, From: "2020-01-01", To: day})
			Expect(err).NotTo(HaveOccurred())
			Expect(h.Transactions).To(HaveLen(2))
			capture, hold := h.Transactions[0], h.Transactions[1]
			Expect(hold.Type).To(Equal("210"))
			Expect(capture.Type).To(Equal("205"))
			Expect(capture.Date).To(BeNumerically("~", now.UnixMilli(), 5_000), "the capture is dated when it happened")
			Expect(capture.Date - hold.Date).To(BeNumerically("~", time.Hour.Milliseconds(), 5_000))
			Expect(capture.RefNumber).To(Equal(charged.AuthRefNumber), "HUMO auth_ref_number is the RRN, monitoring's refNumber")
			Expect(hold.RefNumber).To(Equal(capture.RefNumber))
			Expect(capture.InternalNumber).To(Equal(charged.PaymentID))
			Expect(h.TotalDebit).To(Equal(int64(40_000)), "counted once")
		})

		It("gives an UZCARD debit's refNum to its monitoring entry and to its refund", func() {
			env := fixtures.New()
			ctx := fixtures.Ctx()
			c := newClient(env)
			tok := bind(ctx, env, c, "8600000000000001")
			d, err := c.Debit(ctx, debitParams(tok, 25_000))
			Expect(err).NotTo(HaveOccurred())
			Expect(c.ReverseDebit(ctx, d.TransactionID)).To(Succeed())
			h, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{tok}, From: "2020-01-01", To: today(ctx, env)})
			Expect(err).NotTo(HaveOccurred())
			Expect(h.Transactions).To(HaveLen(2))
			for _, tx := range h.Transactions {
				Expect(tx.RefNumber).To(Equal(d.RefNum), tx.Type)
			}
		})
	})
})

// publicCall POSTs body the way public client code does (no lang header,
// app-name set, the base URL's trailing slash kept) and decodes the whole
// envelope into a map, as such clients read it.
func publicCall(ctx context.Context, env *fixtures.Env, path, body string) (result map[string]any, code float64) {
	user, pass := credentials()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, env.BaseURL(provider)+"/"+path, strings.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("app-name", "Kundalik-dev")
	req.SetBasicAuth(user, pass)
	resp, err := env.HTTPClient(provider).Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	var env2 struct {
		Error  map[string]any `json:"error"`
		Result any            `json:"result"`
	}
	Expect(json.NewDecoder(resp.Body).Decode(&env2)).To(Succeed())
	if env2.Error != nil {
		return nil, env2.Error["code"].(float64)
	}
	if m, ok := env2.Result.(map[string]any); ok {
		return m, 0
	}
	return map[string]any{"value": env2.Result}, 0
}

var _ = Describe("AloqaGateway public client code", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	It("binds, holds, charges, refunds and reads history with string amounts, string ids and null optional fields", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		r, code := publicCall(ctx, env, "cards/add", `{"pan":"8600000000000001","expiry":"0727","phone":"+998901234567"}`)
		Expect(code).To(BeZero())
		id := fmt.Sprint(int64(r["transactionId"].(float64)))
		sms, err := env.Admin.LatestCode(ctx, phone1)
		Expect(err).NotTo(HaveOccurred())
		r, code = publicCall(ctx, env, "cards/add-confirm", `{"transactionId":"`+id+`","confirmedCode":"`+sms+`"}`)
		Expect(code).To(BeZero())
		tok := r["token"].(string)

		hold := `{"token":"` + tok + `","amount":"150000","merchantId":"90000001","terminalId":"91000001","is_hold":true,"force_sms_confirmation":null}`
		r, code = publicCall(ctx, env, "transactions/debit", hold)
		Expect(code).To(BeZero())
		hid := fmt.Sprint(int64(r["transactionId"].(float64)))
		r, code = publicCall(ctx, env, "transactions/debit/hold/charge", `{"transactionId":"`+hid+`"}`)
		Expect(code).To(BeZero())
		Expect(r["refNum"]).To(MatchRegexp(`^[0-9]{12}$`))
		_, code = publicCall(ctx, env, "transactions/debit/hold/charge", `{"transactionId":"`+hid+`"}`)
		Expect(code).To(Equal(-32312.0), "a retried capture is refused, not applied twice")

		debit := `{"token":"` + tok + `","amount":"25000","merchantId":"90000001","terminalId":"91000001","is_hold":null,"force_sms_confirmation":null}`
		r, code = publicCall(ctx, env, "transactions/debit", debit)
		Expect(code).To(BeZero())
		did := fmt.Sprint(int64(r["transactionId"].(float64)))
		r, code = publicCall(ctx, env, "transactions/debit/reverse", `{"transactionId":"`+did+`"}`)
		Expect(code).To(BeZero())
		Expect(r["value"]).To(BeTrue())
		Expect(balance(ctx, env, "8600000000000001")).To(Equal(int64(1_000_000_000 - 150_000)))

		r, code = publicCall(ctx, env, "cards/monitoring", `{"tokens":["`+tok+`"],"from":"2020-01-01","to":"`+today(ctx, env)+`","page":null,"size":null}`)
		Expect(code).To(BeZero())
		Expect(r["transactions"]).To(HaveLen(4), "hold, capture, debit, refund")
		Expect(r["totalDebit"]).To(Equal(175_000.0))
		Expect(r["totalCredit"]).To(Equal(25_000.0))
	})

	It("quotes and sends a transfer with a string amount and a null force_sms_confirmation", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		tok := bind(ctx, env, newClient(env), "8600000000000001")
		q, code := publicCall(ctx, env, "p2p/fee-info", `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":"500000"}`)
		Expect(code).To(BeZero())
		r, code := publicCall(ctx, env, "p2p/uzcard2humo", `{"token":"`+tok+`","pan":"9860000000000030","expiry":"2707","amount":"500000","force_sms_confirmation":null}`)
		Expect(code).To(BeZero())
		Expect(r["fee"]).To(Equal(fmt.Sprint(q["fee"])), "the transfer charges the quoted fee")
		Expect(balance(ctx, env, "8600000000000001")).To(Equal(int64(1_000_000_000 - 500_000 - int64(q["fee"].(float64)))))
	})

	It("gets the dropped answer of card 9860000000000025 at once, not the delay of card 24", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		c := newClient(env)
		tok := bind(ctx, env, c, "9860000000000025")
		start := time.Now()
		_, err := c.Debit(ctx, debitParams(tok, 1_000))
		Expect(err).To(HaveOccurred(), "apply_then_drop")
		Expect(time.Since(start)).To(BeNumerically("<", 10*time.Second), "no slow-card delay")
	})
})
