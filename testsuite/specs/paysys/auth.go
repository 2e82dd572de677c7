package paysys

import (
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/paysys"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

const checkBody = `{"id":"auth-1","method":"pam.check_payment","params":{"agr_transaction_id":1}}`

var _ = Describe("PaySys gateway auth", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("accepts a good Auth signature", Label("live-verified"), func() {
		_, err := newClient(env).CheckPayment(fixtures.Ctx(), 1)
		Expect(errors.Is(err, paysys.ErrTransactionNotFound)).To(BeTrue(), "authenticated, then -32314: %v", err)
	})

	It("refuses a wrong signature, a missing header and a wrong Basic with HTTP 401 and -32504", func() {
		id, _ := creds()
		for _, h := range []http.Header{
			{"Auth": {paysys.Sign(id, "wrong-secret", time.Now())}},
			{},
			{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(id+":nope"))}},
		} {
			status, body := rpc(env, h, checkBody)
			Expect(status).To(Equal(http.StatusUnauthorized))
			Expect(body).To(HaveKeyWithValue("id", "auth-1"), "D-2: the request id is echoed")
			Expect(body).To(HaveKeyWithValue("result", BeNil()))
			Expect(body["error"]).To(Equal(map[string]any{"code": -32504.0, "message": "Недостаточно привилегий для выполнения метода"}))
		}
	})

	It("refuses a stale timestamp (wall clock, max_skew 5m) with -32320", func() {
		c := newClient(env, paysys.WithClock(func() time.Time { return time.Now().Add(-6 * time.Minute) }))
		_, err := c.CheckPayment(fixtures.Ctx(), 1)
		var e *paysys.Error
		Expect(errors.As(err, &e)).To(BeTrue(), "%v", err)
		Expect(e.Code).To(Equal(-32320))
		Expect(e.Message).To(Equal("Неактуальный запрос, timestamp устарел"))
	})

	It("does not let the sandbox clock age a fresh signature (D-3)", fixtures.NeedsControl, func() {
		advance(env, 24*time.Hour)
		_, err := newClient(env).CheckPayment(fixtures.Ctx(), 1)
		Expect(errors.Is(err, paysys.ErrTransactionNotFound)).To(BeTrue(), "%v", err)
	})

	It("accepts HTTP Basic from credentials.paysys[].basic", fixtures.NeedsControl, func() {
		c := paysys.New(env.BaseURL(provider), paysys.WithHTTPClient(env.HTTPClient(provider)), paysys.WithBasic("sandbox", "sandbox"))
		p, err := c.PayByCash(fixtures.Ctx(), &paysys.PayByCashParams{VendorID: vendor, Account: "79123456789", Amount: 500_00})
		Expect(err).NotTo(HaveOccurred())
		st, err := c.CheckPayment(fixtures.Ctx(), p.TransactionID)
		Expect(err).NotTo(HaveOccurred())
		Expect(st.Status).To(Equal(paysys.StatusCompleted))
	})

	It("narrows the schemes to settings.paysys.auth", fixtures.NeedsControl, func() {
		Expect(env.Admin.PutScenario(fixtures.Ctx(), []byte(`version: 1
settings: {paysys: {auth: [basic]}}
credentials: {paysys: [{service_id: sandbox, secret_key: sandbox, basic: {username: sandbox, password: sandbox}}]}
`))).To(Succeed())
		_, err := newClient(env).CheckPayment(fixtures.Ctx(), 1)
		Expect(errors.Is(err, paysys.ErrForbidden)).To(BeTrue(), "%v", err)
		Expect(err.(*paysys.Error).HTTPStatus).To(Equal(http.StatusUnauthorized))
		c := paysys.New(env.BaseURL(provider), paysys.WithHTTPClient(env.HTTPClient(provider)), paysys.WithBasic("sandbox", "sandbox"))
		_, err = c.CheckPayment(fixtures.Ctx(), 1)
		Expect(errors.Is(err, paysys.ErrTransactionNotFound)).To(BeTrue(), "%v", err)
	})
})
