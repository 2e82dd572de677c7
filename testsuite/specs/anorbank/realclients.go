package anorbank

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// answer is a raw exchange as a public client sees it.
type answer struct {
	status int
	header http.Header
	body   map[string]any
}

// result is the bill or error object of a bmms answer (nested under
// `result` when it is an error, AN-1).
func (a answer) result() map[string]any {
	if r, ok := a.body["result"].(map[string]any); ok {
		return r
	}
	return a.body
}

// send posts body exactly as written, as a hand-written client does.
func send(env *fixtures.Env, c *anorbank.Client, method, path, body string) answer {
	GinkgoHelper()
	if c.AccessToken() == "" {
		_, err := c.Login(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
	}
	req, err := http.NewRequestWithContext(fixtures.Ctx(), method, env.BaseURL("anorbank")+path, bytes.NewReader([]byte(body)))
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.AccessToken())
	resp, err := env.HTTPClient("anorbank").Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	_ = dec.Decode(&a.body)
	return a
}

const (
	pathCheck  = "/services/bmms/api/agent/unregistered-check"
	pathPay    = "/services/bmms/api/agent/unregistered-pay"
	pathHold   = "/services/bmms/api/agent/hold/v2/otp"
	pathStatus = "/services/bmms/api/agent/status"
	pathExtPay = "/services/bmms/api/ext/agent/pay"
)

func checkBody(tran string, amount int64) string {
	return `{"account":"30","recipientId":1001,"amount":` + strconv.FormatInt(amount, 10) + `,"currency":860,"agentTranId":` +
		strconv.Quote(tran) + `,"params":{"pan":"` + cardOK + `","exp":"` + expiry + `"}}`
}

var _ = Describe("Anor Bank and real clients (issue 11)", fixtures.Provider("anorbank"), func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	It("D-15: pay and hold without an otp, or with an empty one, are `invalid params` and the bill stays CHECK_OK", func() {
		b := check(c, cardOK, 100)
		id := strconv.FormatInt(b.ID, 10)
		for _, body := range []string{`{"billId":` + id + `}`, `{"billId":` + id + `,"otp":""}`, `{"billId":` + id + `,"params":{}}`} {
			for _, path := range []string{pathPay, pathHold} {
				a := send(env, c, "POST", path, body)
				Expect(a.status).To(Equal(200))
				Expect(a.result()["detail"]).To(Equal("invalid params"), "%s %s", path, body)
			}
		}
		st, err := c.Status(fixtures.Ctx(), &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCheckOK))
	})

	It("D-15: those refusals use no try and send no SMS", fixtures.NeedsControl, func() {
		b := check(c, cardOK, 100)
		for range 4 {
			send(env, c, "POST", pathPay, `{"billId":`+strconv.FormatInt(b.ID, 10)+`}`)
		}
		for _, want := range []string{"invalid code retry", "invalid code retry", "invalid code sms sent"} {
			_, err := c.Pay(fixtures.Ctx(), &anorbank.PayParams{BillID: b.ID, OTP: "wrong"})
			expectCode(err, want, 200)
		}
		Expect(smsCount(env)).To(Equal(2))
	})

	It("D-16: another agent's bill is `bill not found`, and an agentTranId is unique per agent", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		other := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials("nocancel", "sandbox"))
		p := &anorbank.CheckParams{Account: "30", RecipientID: shop, Amount: 100, AgentTranID: tranID(), PAN: cardOK, Exp: expiry}
		mine, err := c.Check(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		_, err = other.Status(ctx, &anorbank.StatusParams{BillID: mine.ID})
		expectCode(err, "bill not found", 200)
		_, err = other.Status(ctx, &anorbank.StatusParams{AgentTranID: p.AgentTranID})
		expectCode(err, "bill not found", 200)
		_, err = other.Pay(ctx, &anorbank.PayParams{BillID: mine.ID, OTP: latestCode(env)})
		expectCode(err, "bill not found", 200)
		theirs, err := other.Check(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		Expect(theirs.ID).NotTo(Equal(mine.ID))
		expectFunds(env, cardOK, startFunds, 0)
	})

	It("D-18: a hold nobody ends is released after 30 days: money back, CANCELLED", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 900)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, 30*24*time.Hour-time.Second)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-900, 900)
		_, err = env.Admin.AdvanceClock(ctx, time.Second)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
		expectFunds(env, cardOK, startFunds, 0)
		_, err = c.ConfirmHold(ctx, b.ID)
		expectCode(err, "bill not valid", 200)
	})

	It("D-18: settings.anorbank.hold_ttl sets when a stale hold is released (1h here)", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		fixtures.SetSetting(env, "anorbank", "hold_ttl", "1h")
		c = newClient(env)
		b := check(c, cardOK, 900)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, time.Hour-time.Second)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-900, 900)
		_, err = env.Admin.AdvanceClock(ctx, time.Second)
		Expect(err).NotTo(HaveOccurred())
		st, err := c.Status(ctx, &anorbank.StatusParams{BillID: b.ID})
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusCancelled))
		expectFunds(env, cardOK, startFunds, 0)
	})

	It("D-18: settings.anorbank.hold_ttl 0s keeps a hold for ever (ten years on it confirms)", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		fixtures.SetSetting(env, "anorbank", "hold_ttl", "0s")
		c = newClient(env)
		b := check(c, cardOK, 900)
		_, err := c.Hold(ctx, &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(ctx, 10*365*24*time.Hour)
		Expect(err).NotTo(HaveOccurred())
		expectFunds(env, cardOK, startFunds-900, 900)
		c = newClient(env) // the old tokens expired long ago
		st, err := c.ConfirmHold(ctx, b.ID)
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(anorbank.StatusSuccess))
		expectFunds(env, cardOK, startFunds-900, 0)
	})

	It("answers status with a billId and another bill's agentTranId as `bill not found`, not the billId's bill", func() {
		a, b := check(c, cardOK, 100), check(c, cardOK, 100)
		ans := send(env, c, "POST", pathStatus, `{"billId":`+strconv.FormatInt(a.ID, 10)+`,"agentTranId":"`+*b.ExtID+`"}`)
		Expect(ans.result()["detail"]).To(Equal("bill not found"))
		ans = send(env, c, "POST", pathStatus, `{"billId":`+strconv.FormatInt(b.ID, 10)+`,"agentTranId":"`+*b.ExtID+`"}`)
		Expect(ans.result()["id"]).To(BeEquivalentTo(json.Number(strconv.FormatInt(b.ID, 10))))
	})

	DescribeTable("ext/agent/pay checks currency and the sender as §3.15's tables say",
		func(edit func(string) string) {
			body := `{"agentTranId":` + strconv.FormatInt(time.Now().UnixNano()%1e9+1, 10) + `,"amount":100,"currency":860,` +
				`"from":{"type":"ACCOUNT","currency":860,"params":{"account":"20208000900100001001","mfo":"01183","name":"viplati"}},` +
				`"to":{"type":"PAN","currency":860,"params":{"pan":"` + cardOK + `","exp":"` + expiry + `"}}}`
			a := send(env, c, "POST", pathExtPay, edit(body))
			Expect(a.status).To(Equal(200))
			Expect(a.result()["detail"]).To(Equal("invalid params"))
		},
		Entry("currency 978", func(s string) string {
			return strings.Replace(s, `"amount":100,"currency":860`, `"amount":100,"currency":978`, 1)
		}),
		Entry("from.currency 840", func(s string) string {
			return strings.Replace(s, `"ACCOUNT","currency":860`, `"ACCOUNT","currency":840`, 1)
		}),
		Entry("from.type PAN", func(s string) string { return strings.Replace(s, `"type":"ACCOUNT"`, `"type":"PAN"`, 1) }),
		Entry("MFO of 4 digits", func(s string) string { return strings.Replace(s, `"01183"`, `"0118"`, 1) }),
		Entry("account of 19 digits", func(s string) string { return strings.Replace(s, `"20208000900100001001"`, `"2020800090010000100"`, 1) }),
		Entry("no from.params.name", func(s string) string { return strings.Replace(s, `,"name":"viplati"`, ``, 1) }),
		Entry("from.params.name null (D-12: absent)", func(s string) string { return strings.Replace(s, `"viplati"`, `null`, 1) }),
		Entry("agentTranId 0", func(s string) string { return strings.Replace(s, `{"agentTranId":`, `{"agentTranId":0,"x":`, 1) }),
	)

	It("ext/agent/pay: the commission the answer shows is what leaves the deposit", fixtures.NeedsControl, func() {
		before := deposit(env)
		r, err := c.ExtPay(fixtures.Ctx(), &anorbank.ExtPayParams{AgentTranID: time.Now().UnixNano() % 1e9, Account: "20208000900100001001",
			MFO: "01183", Name: "viplati", PAN: cardOK, Exp: expiry, Amount: 250000})
		Expect(err).NotTo(HaveOccurred())
		Expect(before - deposit(env)).To(Equal(r.Amount + r.Sender.CommissionAmount))
	})

	It("answers a second operation on a bill while the first runs with #46 `object locked`", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		b := check(c, cardOK, 100)
		code := latestCode(env)
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Operation: []string{"unregistered-pay"}, Delay: "1s"})
		Expect(err).NotTo(HaveOccurred())
		first := make(chan error, 1)
		go func() {
			defer GinkgoRecover()
			_, err := c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: code})
			first <- err
		}()
		time.Sleep(300 * time.Millisecond)
		_, err = c.Pay(ctx, &anorbank.PayParams{BillID: b.ID, OTP: code})
		expectCode(err, "object locked", 200)
		Expect(<-first).To(Succeed())
		expectFunds(env, cardOK, startFunds-100, 0)
	})

	It("D-19/issue 11: a wrong method on a known path is 405 with Allow, in Anor's error object", func() {
		a := send(env, c, "GET", pathStatus, "")
		Expect(a.status).To(Equal(http.StatusMethodNotAllowed))
		Expect(a.header.Get("Allow")).To(ContainSubstring("POST"))
		if !fixtures.Suite.Target.IsLive() {
			Expect(a.body).To(HaveKeyWithValue("detail", "invalid request"))
		}
	})
})

// What public client code sends: string amounts, null optional fields, a
// trailing slash, billid in lower case, ids with "/", reused agentTranIds.
var _ = Describe("Anor Bank public client", fixtures.Provider("anorbank"), func() {
	var env *fixtures.Env
	var c *anorbank.Client
	BeforeEach(func() { env = fixtures.New(); c = newClient(env) })

	It("checks with string amounts and null optional fields, and reads status by an agentTranId with / and Unicode", func() {
		tran := "INV/2026/" + strconv.FormatInt(time.Now().UnixNano()%1e9, 10) + "/счёт"
		a := send(env, c, "POST", pathCheck, `{"account":null,"recipientId":"1001","amount":"100","currency":null,"agentTranId":`+
			strconv.Quote(tran)+`,"params":{"pan":"`+cardOK+`","exp":"`+expiry+`","expiry":null}}`)
		Expect(a.status).To(Equal(200))
		Expect(a.body).To(HaveKeyWithValue("status", "CHECK_OK"), "%v", a.body)
		st := send(env, c, "POST", pathStatus, `{"billId":null,"agentTranId":`+strconv.Quote(tran)+`}`)
		Expect(st.body).To(HaveKeyWithValue("id", a.body["id"]))
		again := send(env, c, "POST", pathCheck, checkBody(tran, 999))
		Expect(again.body).To(HaveKeyWithValue("id", a.body["id"]), "a reused agentTranId is the same bill (AN-15)")
	})

	It("serves documented paths with a trailing slash, or a double one after the base URL", func() {
		b := check(c, cardOK, 100)
		for _, path := range []string{pathStatus + "/", "/" + pathStatus} { // a base URL ending in "/" joined with "/services/…"
			a := send(env, c, "POST", path, `{"billId":`+strconv.FormatInt(b.ID, 10)+`}`)
			Expect(a.status).To(Equal(200), path)
			Expect(a.body).To(HaveKeyWithValue("status", "CHECK_OK"), path)
		}
	})

	It("pays with billid in lower case, the code in params and null extras", fixtures.NeedsControl, func() {
		b := check(c, cardOK, 100)
		a := send(env, c, "POST", pathPay, `{"billid":"`+strconv.FormatInt(b.ID, 10)+`","otp":null,"type":null,"params":{"otp":"`+latestCode(env)+`"}}`)
		Expect(a.body).To(HaveKeyWithValue("status", "SUCCESS"), "%v", a.body)
		expectFunds(env, cardOK, startFunds-100, 0)
	})
})
