package requisites

import (
	"errors"
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("Requisites access and malformed requests", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("lists the services in the documented shape", func() {
		list, err := newClient(env).Services(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		Expect(list).NotTo(BeEmpty())
		for _, s := range list {
			Expect(s.Type).To(BeElementOf("WORKING_WITH_CARD", "CARD_IS_OPTIONAL"))
		}
	})

	It("answers missing or wrong Basic credentials with 401 and 1004 on every endpoint (RQ-6)", func() {
		u, _ := credentials()
		for _, path := range []string{"/api/v2/services", "/api/v2/account/34/balance", "/api/v2/payment/x"} {
			expectError(send(env, http.MethodGet, path, nil, "", ""), http.StatusUnauthorized, 1004, "Пользователь не найден")
			expectError(send(env, http.MethodGet, path, nil, u, "wrong"), http.StatusUnauthorized, 1004, "Пользователь не найден")
		}
		expectError(send(env, http.MethodPost, "/api/v2/payment", rawBody("x1"), u, "nope"), http.StatusUnauthorized, 1004, "Пользователь не найден")
	})

	It("lets the limited user list services and pay, but not read the balance or statement (1009)", fixtures.NeedsControl, func() {
		ctx, c := fixtures.Ctx(), clientAs(env, "limited", "p@ssw0rd")
		_, err := c.Services(ctx)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(ctx, payment("lim-1", "29801000990248844444"))
		Expect(err).NotTo(HaveOccurred())
		_, err = c.PaymentStatus(ctx, "lim-1")
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Balance(ctx, 34)
		Expect(errors.Is(err, requisites.ErrNoAccess)).To(BeTrue(), "%v", err)
		_, err = c.Statement(ctx, &requisites.StatementParams{ServiceID: 34, FromDate: "2020-01-01", ToDate: "2030-01-01"})
		Expect(errors.Is(err, requisites.ErrNoAccess)).To(BeTrue(), "%v", err)
		Expect(balance(env, 34)).To(Equal(startBalance-520_000), "gray sees the limited user's payment")
	})

	It("answers unreadable bodies with HTTP 400 and 1017, ill-typed fields with 1017, and changes nothing", fixtures.NeedsControl, func() {
		for _, body := range []string{`{"orderId":`, `["x"]`, `"x"`, ``, `{"a":1} {"b":2}`, `{"orderId":"` + strings.Repeat("x", 1<<20) + `"}`} {
			expectError(call(env, http.MethodPost, "/api/v2/payment", body), http.StatusBadRequest, 1017, "Отсутствуют обязательные поля")
		}
		bad := rawBody("typed-1")
		bad["amount"] = true
		expectError(call(env, http.MethodPost, "/api/v2/payment", bad), http.StatusOK, 1017, "Отсутствуют обязательные поля")
		expectError(call(env, http.MethodPost, "/api/v2/account/payments", `{"type":"0"}`), http.StatusOK, 1017, "Отсутствуют обязательные поля")
		Expect(balance(env, 34)).To(Equal(startBalance))
	})

	It("answers an unknown path with 404/1008 and a wrong method with 405/1009, in the envelope", func() {
		expectError(call(env, http.MethodGet, "/api/v2/nothing", nil), http.StatusNotFound, 1008, "Не удалось получить данные")
		expectError(call(env, http.MethodDelete, "/api/v2/services", nil), http.StatusMethodNotAllowed, 1009, "Нет доступа для метода")
	})

	It("serves the statement for GET with a body too (RQ-7)", fixtures.NeedsControl, func() {
		r := call(env, http.MethodGet, "/api/v2/account/payments", map[string]any{"type": "1", "lastId": 0, "fromDate": "2000-01-01", "toDate": "2100-01-01", "serviceId": 34})
		Expect(r.status).To(Equal(http.StatusOK), r.text)
		Expect(r.body).To(HaveKeyWithValue("status", "success"))
		Expect(r.body).NotTo(HaveKey("code"), "RQ-9")
		Expect(r.body["data"]).To(HaveLen(3))
	})
})
