package paysys

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/paysys"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

const (
	provider = "paysys"
	vendor   = int64(101596)
)

// vendorID is the default scenario's healthy vendor, or the profile's.
func vendorID() int64 {
	if fixtures.Suite.Target.IsLive() {
		lp := fixtures.Live(provider)
		fixtures.Require(lp.VendorID != 0, "providers.paysys.vendor_id")
		return lp.VendorID
	}
	return vendor
}

// creds returns the service id and secret key (sandbox defaults, or live).
func creds() (string, string) {
	if fixtures.Suite.Target.IsLive() {
		lp := fixtures.Live(provider)
		return lp.Credentials.ServiceID, lp.Credentials.SecretKey.Reveal()
	}
	return "sandbox", "sandbox"
}

// newClient returns a signing PaySys client for env.
func newClient(env *fixtures.Env, opts ...paysys.Option) *paysys.Client {
	id, key := creds()
	all := append([]paysys.Option{paysys.WithHTTPClient(env.HTTPClient(provider)), paysys.WithSignature(id, key)}, opts...)
	return paysys.New(env.BaseURL(provider), all...)
}

// signed is a good Auth header now.
func signed() http.Header {
	id, key := creds()
	return http.Header{"Auth": {paysys.Sign(id, key, time.Now())}}
}

// rpc posts a raw body with the given headers and returns the HTTP status
// and the decoded envelope.
func rpc(env *fixtures.Env, h http.Header, body string) (int, map[string]any) {
	GinkgoHelper()
	status, _, out := exchange(env, http.MethodPost, "/gateway", h, []byte(body))
	return status, out
}

// exchange sends body with method to base+path exactly as given and returns
// the status, the headers and the decoded envelope.
func exchange(env *fixtures.Env, method, path string, h http.Header, body []byte) (int, http.Header, map[string]any) {
	GinkgoHelper()
	req, err := http.NewRequest(method, env.BaseURL(provider)+path, bytes.NewReader(body))
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Type", "application/json")
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := env.HTTPClient(provider).Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	Expect(json.Unmarshal(data, &out)).To(Succeed(), string(data))
	return resp.StatusCode, resp.Header, out
}

// state is GET /__admin/state/paysys.
type state struct {
	Balance int64 `json:"balance"`
	PaidOut int64 `json:"paid_out"`
	Payouts []struct {
		TransactionID int64  `json:"transaction_id"`
		Account       string `json:"account"`
		Amount        int64  `json:"amount"`
		Status        int    `json:"status"`
	} `json:"payouts"`
}

func paysysState(env *fixtures.Env) state {
	GinkgoHelper()
	var s state
	Expect(env.Admin.State(fixtures.Ctx(), provider, &s)).To(Succeed())
	return s
}

// startBalance is the default scenario's PaySys balance (tiyin).
const startBalance = int64(100_000_000_000)

func advance(env *fixtures.Env, d time.Duration) {
	GinkgoHelper()
	_, err := env.Admin.AdvanceClock(fixtures.Ctx(), d)
	Expect(err).NotTo(HaveOccurred())
}

func pay(env *fixtures.Env, account string, tiyin int64) *paysys.Payout {
	GinkgoHelper()
	p, err := newClient(env).PayByCash(fixtures.Ctx(), &paysys.PayByCashParams{VendorID: vendor, Account: account, Amount: tiyin, Currency: "UZS"})
	Expect(err).NotTo(HaveOccurred())
	return p
}

func status(env *fixtures.Env, p *paysys.Payout) int {
	GinkgoHelper()
	st, err := newClient(env).CheckPayment(fixtures.Ctx(), p.TransactionID)
	Expect(err).NotTo(HaveOccurred())
	Expect(st.Amount).To(Equal(p.Amount))
	Expect(st.Date.Unix()).To(Equal(p.Date.Unix()))
	return st.Status
}

func mustAtoi(s string) int {
	n, err := strconv.Atoi(s)
	Expect(err).NotTo(HaveOccurred())
	return n
}

// rawPost posts body to the gateway and returns the transport error (a
// dropped connection), for faults that answer nothing.
func rawPost(env *fixtures.Env, h http.Header, body string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, env.BaseURL(provider)+"/gateway", bytes.NewReader([]byte(body)))
	Expect(err).NotTo(HaveOccurred())
	for k, v := range h {
		req.Header[k] = v
	}
	resp, err := env.HTTPClient(provider).Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	return resp.StatusCode, err
}
