package anorbank

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// Magic cards of the default scenario (SCENARIOS.md §3), all on one phone.
const (
	cardOK     = "8600000000000001"
	cardHumoOK = "9860000000000001"
	magicPhone = "998901234567"
	expiry     = "0727" // 2027-07 as MMYY
	shop       = 1001
	startFunds = int64(1_000_000_000)
)

func magic(nn int) string { return fmt.Sprintf("86000000000000%02d", nn) }

var tranSeq atomic.Int64

// tranID is a fresh agentTranId.
func tranID() string { return tranIDAt(tranSeq.Add(1)) }

func tranIDAt(n int64) string { return fmt.Sprintf("spec-%d-%d", GinkgoParallelProcess(), n) }

// expectFunds checks the card's available and held tiyin through /__admin.
func expectFunds(env *fixtures.Env, pan string, available, held int64) {
	GinkgoHelper()
	a, h, err := env.Admin.Balance(fixtures.Ctx(), pan)
	Expect(err).NotTo(HaveOccurred())
	Expect([]int64{a, h}).To(Equal([]int64{available, held}), "card %s…: [available, held]", pan[:6])
}

// latestCode is the newest SMS code to the magic cards' phone.
func latestCode(env *fixtures.Env) string {
	GinkgoHelper()
	code, err := env.Admin.LatestCode(fixtures.Ctx(), magicPhone)
	Expect(err).NotTo(HaveOccurred())
	return code
}

func smsCount(env *fixtures.Env) int {
	GinkgoHelper()
	msgs, err := env.Admin.SMS(fixtures.Ctx(), magicPhone)
	Expect(err).NotTo(HaveOccurred())
	return len(msgs)
}

// deposit is the agent's legal-entity balance (GET /__admin/state/anorbank).
func deposit(env *fixtures.Env) int64 {
	GinkgoHelper()
	var st struct {
		Deposit int64 `json:"deposit"`
	}
	Expect(env.Admin.State(fixtures.Ctx(), "anorbank", &st)).To(Succeed())
	return st.Deposit
}

// check creates a bill for amount on pan at the healthy shop.
func check(c *anorbank.Client, pan string, amount int64) *anorbank.Bill {
	GinkgoHelper()
	b, err := c.Check(fixtures.Ctx(), &anorbank.CheckParams{Account: "30", RecipientID: shop, Amount: amount, AgentTranID: tranID(), PAN: pan, Exp: expiry})
	Expect(err).NotTo(HaveOccurred())
	Expect(b.Status).To(Equal(anorbank.StatusCheckOK))
	return b
}

// expectCode asserts a documented error by detail and envelope: nested in
// HTTP 200 on bmms paths (AN-1), bare with its own status elsewhere (D-1).
func expectCode(err error, detail string, httpStatus int) *anorbank.Error {
	GinkgoHelper()
	var e *anorbank.Error
	Expect(errors.As(err, &e)).To(BeTrue(), "want *anorbank.Error %q, got %v", detail, err)
	Expect(e.Detail).To(Equal(detail))
	Expect(e.HTTPStatus).To(Equal(httpStatus), "HTTP status of %q", detail)
	return e
}

// raw sends body to path with the agent's token and returns the documented
// error it carries (bare or nested), or nil.
func raw(env *fixtures.Env, c *anorbank.Client, method, path, body string) *anorbank.Error {
	GinkgoHelper()
	if c.AccessToken() == "" {
		_, err := c.Login(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
	}
	var rd io.Reader
	if body != "" {
		rd = bytes.NewReader([]byte(body))
	}
	req, err := http.NewRequestWithContext(fixtures.Ctx(), method, env.BaseURL("anorbank")+path, rd)
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.AccessToken())
	resp, err := env.HTTPClient("anorbank").Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	e := &anorbank.Error{HTTPStatus: resp.StatusCode}
	var nested struct {
		ID     any             `json:"id"`
		Result json.RawMessage `json:"result"`
	}
	if resp.StatusCode == http.StatusOK && json.Unmarshal(data, &nested) == nil && len(nested.Result) > 0 {
		data, e.ID = nested.Result, nested.ID
	}
	if json.Unmarshal(data, e) != nil || e.Detail == "" {
		return nil
	}
	return e
}
