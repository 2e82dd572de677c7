package anorbank

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// The Anor column of the magic-card table (SCENARIOS.md §3): each card
// refuses the operation a user would first try with it, and no money moves.
var _ = Describe("Anor Bank magic cards", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	DescribeTable("refuse with the documented error and move nothing",
		func(nn int, op string, amount int64, detail string) {
			env := fixtures.New()
			c := newClient(env)
			pan := magic(nn)
			before, held, err := env.Admin.Balance(fixtures.Ctx(), pan)
			Expect(err).NotTo(HaveOccurred())
			switch op {
			case "check":
				err = checkOn(pan, shop, amount)(env, c)
				expectCode(err, detail, 200)
			case "pay":
				err = payTo(pan, shop)(env, c)
				expectCode(err, detail, 200)
			case "send-otp":
				err = sendOTP(pan)(env, c)
				expectCode(err, detail, 400)
			}
			expectFunds(env, pan, before, held)
		},
		Entry("02 balance 0", 2, "check", int64(100), "insufficient funds"),
		Entry("03 blocked", 3, "check", int64(100), "card not active"),
		Entry("04 expired 2020-01", 4, "check", int64(100), "card not valid"),
		Entry("04 expired, on binding", 4, "send-otp", int64(0), "card not valid"),
		Entry("05 SMS-info off", 5, "check", int64(100), "sms info is off"),
		Entry("05 SMS-info off, on binding", 5, "send-otp", int64(0), "sms info is off"),
		Entry("06 unsupported bank", 6, "check", int64(100), "bank not supported"),
		Entry("07 temporarily blocked", 7, "check", int64(100), "card not active"),
		Entry("08 blacklisted", 8, "check", int64(100), "card not active"),
		Entry("09 PIN locked", 9, "check", int64(100), "card not active"),
		Entry("10 account blocked", 10, "check", int64(100), "card not active"),
		Entry("11 not the owner", 11, "send-otp", int64(0), "not card owner"),
		Entry("12 not the owner, SMS sent", 12, "send-otp", int64(0), "not card owner sms_sent"),
		Entry("13 currency 840", 13, "check", int64(100), "card not valid"),
		Entry("18 per-operation limit 10 000", 18, "check", int64(10001), "limit exceeded"),
		Entry("19 no SMS allowed today", 19, "check", int64(100), "limit exceeded"),
		Entry("19 no SMS allowed today, on binding", 19, "send-otp", int64(0), "limit exceeded"),
		Entry("20 processing declines", 20, "pay", int64(0), "debit error"),
		Entry("21 processing error", 21, "check", int64(100), "pc error"),
		Entry("22 processing unavailable", 22, "check", int64(100), "timeout"),
		Entry("23 vendor down", 23, "check", int64(100), "timeout"),
	)

	It("lets card 18 pay up to its per-operation limit", func() {
		env := fixtures.New()
		c := newClient(env)
		b := check(c, magic(18), 10000)
		_, err := c.Pay(fixtures.Ctx(), &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, magic(18), startFunds-10000, 0)
	})

	It("card 25: the pay applies, the answer is lost; status resolves it and nothing is resent", func() {
		env := fixtures.New()
		c := newClient(env)
		b := check(c, magic(25), 4200)
		_, err := c.Pay(fixtures.Ctx(), &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).To(HaveOccurred())
		var e *anorbank.Error
		Expect(errors.As(err, &e)).To(BeFalse(), "a dropped connection is not a documented error")
		expectFunds(env, magic(25), startFunds-4200, 0)
		st, err := c.Status(fixtures.Ctx(), &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusSuccess))
		// The journal records a dropped exchange when its handler returns,
		// which may be just after the client saw the reset.
		payCalls := func() int {
			reqs, err := env.Admin.Requests(fixtures.Ctx(), "anorbank", 0)
			Expect(err).NotTo(HaveOccurred())
			n := 0
			for _, r := range reqs {
				if strings.HasSuffix(r.Path, "/unregistered-pay") {
					n++
				}
			}
			return n
		}
		Eventually(payCalls).WithTimeout(2*time.Second).Should(Equal(1), "the pay was journaled")
		Consistently(payCalls).WithTimeout(200*time.Millisecond).Should(Equal(1), "the client never resends a pay")
		expectFunds(env, magic(25), startFunds-4200, 0)
	})
})

// Bad input on every bmms operation: the documented envelope, never a
// panic or a Go error string, and no state change.
var _ = Describe("Anor Bank bad input", fixtures.Provider("anorbank"), fixtures.NeedsControl, func() {
	ops := []string{"unregistered-check", "unregistered-pay", "hold/v2/otp", "hold/v2/more", "hold/v2/reverse/partial",
		"hold/v2/confirm", "hold/v2/reverse", "cancel/v3", "status"}
	bodies := []struct{ name, body, detail string }{
		{"malformed JSON", `{"billId": 1,`, "parse error"},
		{"not an object", `[1, 2]`, "invalid request"},
		{"a bare string", `"hello"`, "invalid request"},
		{"wrong types", `{"billId": {"x": 1}, "amount": true, "reverseAmount": [], "recipientId": false, "agentTranId": {}, "params": 7}`, "invalid params"},
		{"empty object", `{}`, "invalid params"},
		{"negative amounts", `{"billId": 5, "amount": -5, "reverseAmount": -5, "recipientId": 1001, "agentTranId": "x", "params": {"pan": "8600000000000001", "exp": "0727"}}`, ""},
	}
	for _, op := range ops {
		It("answers bad bodies on "+op+" in the documented envelope", func() {
			env := fixtures.New()
			c := newClient(env)
			for _, b := range bodies {
				e := raw(env, c, http.MethodPost, "/services/bmms/api/agent/"+op, b.body)
				Expect(e).NotTo(BeNil(), "%s on %s", b.name, op)
				if b.detail != "" {
					Expect(e.Detail).To(Equal(b.detail), "%s on %s", b.name, op)
				}
				if e.Detail == "parse error" || e.Detail == "invalid request" {
					Expect(e.HTTPStatus).To(Equal(400), "request-level errors are bare")
				} else {
					Expect(e.HTTPStatus).To(Equal(200), "%s on %s: bmms business errors are nested (AN-1)", b.name, op)
				}
			}
			expectFunds(env, cardOK, startFunds, 0)
			Expect(smsCount(env)).To(Equal(0))
		})
	}

	It("answers a body over 1 MiB, an unknown path and a wrong method in the envelope", func() {
		env := fixtures.New()
		c := newClient(env)
		big := `{"billId": 1, "pad": "` + strings.Repeat("x", 1<<20) + `"}`
		e := raw(env, c, http.MethodPost, "/services/bmms/api/agent/status", big)
		Expect(e).NotTo(BeNil())
		Expect(e.Detail).To(Equal("invalid request"))
		e = raw(env, c, http.MethodPost, "/services/bmms/api/agent/nope", `{}`)
		Expect(e.Detail).To(Equal("not found"))
		Expect(e.HTTPStatus).To(Equal(404))
		e = raw(env, c, http.MethodGet, "/services/bmms/api/agent/status", "")
		Expect(e).NotTo(BeNil())
		Expect(e.HTTPStatus).To(BeNumerically(">=", 400))
	})

	It("accepts the lenient spellings: billid, string amounts, otp at the top level, expiry, YYMM", func() {
		env := fixtures.New()
		c := newClient(env)
		_, err := c.Login(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		post := func(path, body string) *http.Response {
			req, _ := http.NewRequest(http.MethodPost, env.BaseURL("anorbank")+path, bytes.NewReader([]byte(body)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+c.AccessToken())
			resp, err := env.HTTPClient("anorbank").Do(req)
			Expect(err).NotTo(HaveOccurred())
			return resp
		}
		resp := post("/services/bmms/api/agent/unregistered-check",
			`{"account":"30","recipientId":"1001","amount":"2500","currency":860,"agentTranId":77,"params":{"pan":"8600000000000001","expiry":"2707"}}`)
		resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(200))
		st, err := c.Status(fixtures.Ctx(), &anorbank.StatusParams{AgentTranID: "77"})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Amount).To(Equal(int64(2500)))
		resp = post("/services/bmms/api/agent/unregistered-pay", `{"billid":`+itoa(st.ID)+`,"type":"PC","otp":"`+latestCode(env)+`","params":"not stored"}`)
		resp.Body.Close()
		st, err = c.Status(fixtures.Ctx(), &anorbank.StatusParams{BillID: st.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusSuccess))
		expectFunds(env, cardOK, startFunds-2500, 0)
	})
})

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
