package anorbank

import (
	"context"
	"net/http"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// cardEnvelope is the card-service envelope (§1.1 #2) with its data decoded.
type cardEnvelope[T any] struct {
	Success   bool    `json:"success"`
	Exception *string `json:"exception"`
	Data      T       `json:"data"`
}

// SendOTPParams starts a card binding.
type SendOTPParams struct {
	PAN string `json:"pan"`
	Exp string `json:"exp"` // MMYY (AN-4/AN-5: the client sends exp)
}

// OTPSent is send-otp's data: pass ID to VerifyOTP.
type OTPSent struct {
	ID        int64  `json:"id"`
	PhoneMask string `json:"phoneMask"`
}

// VerifyOTPParams confirms a binding with the SMS code.
type VerifyOTPParams struct {
	ID  int64  `json:"id"`
	OTP string `json:"otp"`
}

// UserCard is one bound card (get-user-cards). PAN is masked.
type UserCard struct {
	BankName       string `json:"bankName"`
	CardType       string `json:"cardType"`
	CardHolderName string `json:"cardHolderName"`
	PAN            string `json:"pan"`
	Expiry         string `json:"expiry"`
}

// SendOTP sends a binding code to the card's phone. Not retried: a resend
// would text a second code.
func (c *Client) SendOTP(ctx context.Context, p *SendOTPParams) (*OTPSent, error) {
	var env cardEnvelope[OTPSent]
	if err := c.call(ctx, http.MethodPost, "/services/partnercardms/api/send-otp", p, &env, transport.Once); err != nil {
		return nil, err
	}
	return &env.Data, nil
}

// VerifyOTP confirms the binding and returns the card token (a UUID).
func (c *Client) VerifyOTP(ctx context.Context, p *VerifyOTPParams) (string, error) {
	var env cardEnvelope[string]
	if err := c.call(ctx, http.MethodPost, "/services/partnercardms/api/verify-otp", p, &env, transport.Once); err != nil {
		return "", err
	}
	return env.Data, nil
}

// UserCards lists the cards bound by the agent. Idempotent: an expired
// token is renewed and the call repeated once.
func (c *Client) UserCards(ctx context.Context) ([]UserCard, error) {
	var env cardEnvelope[[]UserCard]
	if err := c.call(ctx, http.MethodGet, "/services/partnercardms/api/get-user-cards", nil, &env, transport.Read); err != nil {
		return nil, err
	}
	return env.Data, nil
}
