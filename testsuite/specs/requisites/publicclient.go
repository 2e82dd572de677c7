package requisites

import (
	"net/http"
	"net/url"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// Issue 11 (D-12, D-13, D-19): requests exactly as public client code sends
// them, read back the way such clients read (status string, code, doc_id).
var _ = Describe("Requisites public clients", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	// D-12 field by field, for every operation of every provider, is
	// generated from the contracts in mockserver/sandbox/nulls_test.go; this
	// is the request a public client builds from a payee without a tax id.
	It("accepts a payment whose optional fields are all null, as a Laravel client sends it (D-12)", fixtures.NeedsControl, func() {
		body := rawBody("null-optional")
		body["serviceId"] = "33" // CARD_IS_OPTIONAL: the card fields are optional
		for _, field := range []string{"innReceiver", "refNumber", "cardType", "cardNumber"} {
			body[field] = nil
		}
		r := call(env, http.MethodPost, "/api/v2/payment", body)
		Expect(r.status).To(Equal(http.StatusOK), r.text)
		Expect(r.body).To(HaveKeyWithValue("status", "success"), r.text)
		Expect(r.body["data"]).To(HaveKeyWithValue("payment_status", requisites.StatusEntered))
	})

	It("answers null in a required field as a missing field, 1017 (D-12)", fixtures.NeedsControl, func() {
		for _, field := range []string{"orderId", "amount", "receiverAccount", "purpose"} {
			body := rawBody("null-req-" + field)
			body[field] = nil
			expectError(call(env, http.MethodPost, "/api/v2/payment", body), http.StatusOK, 1017, "Отсутствуют обязательные поля")
		}
		body := rawBody("null-card")
		body["cardNumber"] = nil // service 34 is WORKING_WITH_CARD: the card is required there
		expectError(call(env, http.MethodPost, "/api/v2/payment", body), http.StatusOK, 1017, "Отсутствуют обязательные поля")
		Expect(balance(env, 34)).To(Equal(startBalance))
	})

	DescribeTable("serves back an orderId it accepted, under the usual encodings (D-13)", fixtures.NeedsControl,
		func(id string) {
			ctx, c := fixtures.Ctx(), newClient(env)
			o, err := c.Pay(ctx, payment(id, "29801000990248844444"))
			Expect(err).NotTo(HaveOccurred())
			st, err := c.PaymentStatus(ctx, id) // Go: url.PathEscape
			Expect(err).NotTo(HaveOccurred())
			Expect(st.DocID).To(Equal(o.DocID))
			encodings := map[string]string{
				"urlencode (PHP), encodeURIComponent": strings.ReplaceAll(url.QueryEscape(id), "+", "%20"),
				"percent-encoding of every byte":      escapeAll(id),
			}
			if !strings.ContainsAny(id, "%") {
				encodings["raw"] = id
			}
			for name, path := range encodings {
				r := call(env, http.MethodGet, "/api/v2/payment/"+path, nil)
				Expect(r.status).To(Equal(http.StatusOK), "%s: %s", name, r.text)
				Expect(r.body["data"]).To(HaveKeyWithValue("doc_id", o.DocID), "%s: %s", name, r.text)
			}
		},
		Entry("slashes", "INV/2026/001"),
		Entry("a percent sign", "INV%2F2026"),
		Entry("a plus", "A+B+1"),
		Entry("non-ASCII without spaces", "Счёт-№7/ü"),
		Entry("a trailing slash", "INV/2026/"),
	)

	It("answers 1008 for an unknown orderId with a slash, as for any unknown order (D-13)", func() {
		expectError(call(env, http.MethodGet, "/api/v2/payment/NO%2FSUCH%2Fid-"+fixtures.Suite.RunID, nil), http.StatusOK, 1008, "Не удалось получить данные")
	})

	It("accepts string amounts and a reused orderId without paying twice (RQ-1, RQ-4)", fixtures.NeedsControl, func() {
		first := call(env, http.MethodPost, "/api/v2/payment", rawBody("reuse-1"))
		Expect(first.body).To(HaveKeyWithValue("status", "success"), first.text)
		expectError(call(env, http.MethodPost, "/api/v2/payment", rawBody("reuse-1")), http.StatusOK, 1111, "Системная ошибка")
		st := call(env, http.MethodGet, "/api/v2/payment/reuse-1", nil)
		Expect(st.body["data"]).To(Equal(first.body["data"]), "the status query finds the first order")
		Expect(balance(env, 34)).To(Equal(startBalance - 520_000))
	})

	It("serves documented paths with a trailing slash and a base URL ending in / (issue 11)", func() {
		for _, path := range []string{"/api/v2/services/", "//api/v2/services"} {
			r := call(env, http.MethodGet, path, nil)
			Expect(r.status).To(Equal(http.StatusOK), "%s: %s", path, r.text)
			Expect(r.body).To(HaveKeyWithValue("status", "success"))
		}
		c := requisites.New(env.BaseURL(provider)+"/", requisites.WithHTTPClient(env.HTTPClient(provider)), requisites.WithCredentials(credentials()))
		_, err := c.Services(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
	})

	It("pays, reads and lists with a trailing slash on every documented path", fixtures.NeedsControl, func() {
		r := call(env, http.MethodPost, "/api/v2/payment/", rawBody("slash-1"))
		Expect(r.body).To(HaveKeyWithValue("status", "success"), r.text)
		r = call(env, http.MethodGet, "/api/v2/payment/slash-1/", nil)
		Expect(r.body["data"]).To(HaveKeyWithValue("payment_status", requisites.StatusEntered), r.text)
		r = call(env, http.MethodGet, "/api/v2/account/34/balance/", nil)
		Expect(r.body).To(Equal(map[string]any{"status": "success", "data": map[string]any{"balance": "9999480000"}}), r.text)
		r = call(env, http.MethodPost, "/api/v2/account/payments/", map[string]any{"type": "2", "lastId": 0, "fromDate": "2000-01-01", "toDate": "2100-01-01", "serviceId": 34})
		Expect(r.body["data"]).To(HaveLen(1), r.text)
	})

	It("challenges every Basic 401 with WWW-Authenticate (D-19)", func() {
		for _, path := range []string{"/api/v2/services", "/api/v2/account/34/balance", "/api/v2/payment/x"} {
			for _, u := range [][2]string{{"", ""}, {"gray", "wrong"}} {
				h := rawHeader(env, http.MethodGet, path, u[0], u[1])
				Expect(h.status).To(Equal(http.StatusUnauthorized))
				Expect(h.header.Get("WWW-Authenticate")).To(Equal(`Basic realm="requisites"`), path)
			}
		}
	})

	It("answers a wrong method on a known path with 405 in the envelope, naming the allowed methods", func() {
		for path, allow := range map[string]string{
			"/api/v2/services":           "GET",
			"/api/v2/payment":            "POST",
			"/api/v2/account/34/balance": "GET",
			"/api/v2/account/payments":   "POST, GET",
		} {
			r := call(env, http.MethodPut, path, nil)
			expectError(r, http.StatusMethodNotAllowed, 1009, "Нет доступа для метода")
			h := rawHeader(env, http.MethodDelete, path, "gray", "p@ssw0rd")
			Expect(h.status).To(Equal(http.StatusMethodNotAllowed), path)
			Expect(h.header.Get("Allow")).To(Equal(allow), path)
		}
	})
})

// escapeAll percent-encodes every byte that is not a letter or digit.
func escapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[c>>4])+string("0123456789abcdef"[c&15])))
	}
	return b.String()
}

// headerReply is a raw answer's status and headers.
type headerReply struct {
	status int
	header http.Header
}

func rawHeader(env *fixtures.Env, method, path, username, pass string) headerReply {
	req, err := http.NewRequest(method, env.BaseURL(provider)+path, nil)
	Expect(err).NotTo(HaveOccurred())
	if username != "" {
		req.SetBasicAuth(username, pass)
	}
	resp, err := env.HTTPClient(provider).Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	return headerReply{status: resp.StatusCode, header: resp.Header}
}
