package requisites

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"

	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/requisites"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

const (
	provider = "requisites"
	user     = "gray"
	password = "p@ssw0rd"
	// startBalance is every default-scenario service's balance.
	startBalance = int64(10_000_000_000)
)

// credentials are the default user's, or the live sandbox's.
func credentials() (string, string) {
	if fixtures.Suite.Target.IsLive() {
		lp := fixtures.Live(provider)
		return lp.Credentials.Username, lp.Credentials.Password.Reveal()
	}
	return user, password
}

// newClient is a client for env checked against the contract.
func newClient(env *fixtures.Env) *requisites.Client {
	u, p := credentials()
	return clientAs(env, u, p)
}

func clientAs(env *fixtures.Env, username, pass string) *requisites.Client {
	return requisites.New(env.BaseURL(provider), requisites.WithHTTPClient(env.HTTPClient(provider)), requisites.WithCredentials(username, pass))
}

// payment is a valid payment to service 34 (WORKING_WITH_CARD), amount
// 500 000 + commission 20 000 tiyin, to an account ending as given.
func payment(orderID, account string) *requisites.PaymentParams {
	return &requisites.PaymentParams{
		OrderID: orderID, ServiceID: 34, Amount: 500_000, Commission: 20_000,
		ReceiverName: "АК Aloqabank", MFOReceiver: "01091", Account: account, INNReceiver: "123456789",
		Purpose: "Предоплата 100% за аренду помещения", RefNumber: "016351273642", CardType: "HUMO", CardNumber: "9860000000000001",
	}
}

// rawBody is the reference example's payment body (numbers as strings, RQ-4).
func rawBody(orderID string) map[string]any {
	return map[string]any{
		"orderId": orderID, "amount": "500000", "comissionAmount": "20000", "purpose": "Test 24/7",
		"serviceId": "34", "receiverName": "Test", "mfoReceiver": "01091", "receiverAccount": "29801000990248844444",
		"innReceiver": "123456789", "cardType": "HUMO", "cardNumber": "9860531554896678", "refNumber": "016351273642",
	}
}

// reply is a raw answer.
type reply struct {
	status int
	body   map[string]any
	text   string
}

// send does one raw exchange with Basic auth (none when username is "").
func send(env *fixtures.Env, method, path string, body any, username, pass string) reply {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		Expect(err).NotTo(HaveOccurred())
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, env.BaseURL(provider)+path, rd)
	Expect(err).NotTo(HaveOccurred())
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if username != "" {
		req.SetBasicAuth(username, pass)
	}
	resp, err := env.HTTPClient(provider).Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, text: string(data)}
	Expect(json.Unmarshal(data, &r.body)).To(Succeed(), "not JSON: %s", data)
	return r
}

// call sends with the default credentials.
func call(env *fixtures.Env, method, path string, body any) reply {
	u, p := credentials()
	return send(env, method, path, body, u, p)
}

// expectError checks the documented error envelope exactly.
func expectError(r reply, httpStatus int, code int, message string) {
	Expect(r.status).To(Equal(httpStatus), r.text)
	Expect(r.body).To(Equal(map[string]any{"status": "error", "code": float64(code), "message": message, "data": nil}), r.text)
}

// balance reads a service balance through the client.
func balance(env *fixtures.Env, serviceID int64) int64 {
	b, err := newClient(env).Balance(fixtures.Ctx(), serviceID)
	Expect(err).NotTo(HaveOccurred())
	return b
}
