package aloqa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/aloqa"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

const (
	provider = "aloqa"
	merchant = "90000001"
	terminal = "91000001"
	phone1   = "998901234567" // magic cards and the healthy pair ...0001
	phone2   = "998907654321" // the second healthy pair ...0030
)

// credentials are the default scenario's, or the live sandbox's.
func credentials() (string, string) {
	if fixtures.Suite.Target.IsLive() {
		lp := fixtures.Live(provider)
		return lp.Credentials.Username, lp.Credentials.Password.Reveal()
	}
	return "sandbox", "sandbox"
}

// newClient returns a client for env whose responses are contract-checked.
func newClient(env *fixtures.Env, opts ...aloqa.Option) *aloqa.Client {
	user, pass := credentials()
	base := []aloqa.Option{aloqa.WithHTTPClient(env.HTTPClient(provider)), aloqa.WithCredentials(user, pass), aloqa.WithAppName("paysandbox-suite")}
	return aloqa.New(env.BaseURL(provider), append(base, opts...)...)
}

// phoneOf is the SMS phone of a default-scenario card.
func phoneOf(pan string) string {
	if pan[len(pan)-2:] == "30" {
		return phone2
	}
	return phone1
}

// bind binds a default-scenario card (expiry 2027-07) with the code read
// from /__admin/sms and returns its token.
func bind(ctx context.Context, env *fixtures.Env, c *aloqa.Client, pan string) string {
	sent, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: pan, Expiry: "0727", Phone: "+" + phoneOf(pan)})
	Expect(err).NotTo(HaveOccurred(), "cards/add %s", pan)
	code, err := env.Admin.LatestCode(ctx, sent.Phone)
	Expect(err).NotTo(HaveOccurred())
	card, err := c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: code})
	Expect(err).NotTo(HaveOccurred(), "cards/add-confirm %s", pan)
	return card.Token
}

func debitParams(token string, amount int64) *aloqa.DebitParams {
	return &aloqa.DebitParams{Token: token, Amount: amount, MerchantID: merchant, TerminalID: terminal}
}

// balance returns the card's available and held tiyin from the control API.
func balance(ctx context.Context, env *fixtures.Env, pan string) (int64, int64) {
	avail, held, err := env.Admin.Balance(ctx, pan)
	Expect(err).NotTo(HaveOccurred())
	return avail, held
}

// raw POSTs body to path and returns the documented error it answered
// with (nil on success); the envelope is checked on the way.
func raw(ctx context.Context, env *fixtures.Env, path, body, user, pass string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, env.BaseURL(provider)+path, bytes.NewReader([]byte(body)))
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Type", "application/json")
	req.SetBasicAuth(user, pass)
	resp, err := env.HTTPClient(provider).Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var env2 struct {
		Error *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
		Result json.RawMessage `json:"result"`
	}
	Expect(json.Unmarshal(data, &env2)).To(Succeed(), string(data))
	if env2.Error == nil {
		return nil
	}
	Expect(string(env2.Result)).To(Equal("null"), "an error envelope carries result null")
	return &aloqa.Error{Code: env2.Error.Code, Message: env2.Error.Message, HTTPStatus: resp.StatusCode}
}

// expectCode asserts err is the documented error code.
func expectCode(err error, code int) *aloqa.Error {
	var e *aloqa.Error
	ExpectWithOffset(1, errors.As(err, &e)).To(BeTrue(), "want aloqa error %d, got %v", code, err)
	ExpectWithOffset(1, e.Code).To(Equal(code), "message: %s", e.Message)
	return e
}

// earlyInTheYear sets the namespace clock to 2026-01-01 09:00 Tashkent.
func earlyInTheYear(ctx context.Context, env *fixtures.Env) {
	_, err := env.Admin.SetClock(ctx, time.Date(2026, 1, 1, 9, 0, 0, 0, time.FixedZone("UZT", 5*3600)))
	Expect(err).NotTo(HaveOccurred())
}
