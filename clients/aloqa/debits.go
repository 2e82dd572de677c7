package aloqa

import (
	"context"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// DebitParams is a debit or hold.
type DebitParams struct {
	Token                string `json:"token"`
	Amount               int64  `json:"amount"`
	MerchantID           string `json:"merchantId"`
	TerminalID           string `json:"terminalId"`
	IsHold               bool   `json:"is_hold"`
	ForceSMSConfirmation bool   `json:"force_sms_confirmation"`
}

// ConfirmDebitParams confirms an SMS-confirmed debit or hold.
type ConfirmDebitParams struct {
	TransactionID int64  `json:"transactionId"`
	Code          string `json:"confirmedCode"`
	IsHold        bool   `json:"is_hold"`
}

// DebitResult is any of the debit answers: {phone, transactionId} (SMS
// sent), {transactionId} (hold placed), or the UZCARD / HUMO shapes.
type DebitResult struct {
	TransactionID int64  `json:"transactionId"`
	Phone         string `json:"phone,omitempty"`
	// UZCARD shape
	Ext    string `json:"ext,omitempty"`
	RefNum string `json:"refNum,omitempty"`
	// HUMO shape
	PaymentID     string `json:"paymentId,omitempty"`
	PaymentRef    string `json:"paymentRef,omitempty"`
	AuthRefNumber string `json:"auth_ref_number,omitempty"`
	// both
	MerchantID string `json:"merchantId,omitempty"`
	TerminalID string `json:"terminalId,omitempty"`
}

// NeedsSMS reports the {phone, transactionId} answer: call ConfirmDebit.
func (r *DebitResult) NeedsSMS() bool { return r.Phone != "" }

// Completed reports a vendor-shaped answer: the money was debited.
func (r *DebitResult) Completed() bool {
	return r.MerchantID != "" || r.RefNum != "" || r.PaymentID != ""
}

type txRequest struct {
	TransactionID int64 `json:"transactionId"`
}

// Debit debits or holds (transactions/debit). Never resent.
func (c *Client) Debit(ctx context.Context, p *DebitParams) (*DebitResult, error) {
	return post[DebitResult](ctx, c, "/transactions/debit", p, transport.Once)
}

// ConfirmDebit confirms with the SMS code (transactions/debit/confirm).
func (c *Client) ConfirmDebit(ctx context.Context, p *ConfirmDebitParams) (*DebitResult, error) {
	return post[DebitResult](ctx, c, "/transactions/debit/confirm", p, transport.Once)
}

// ReverseDebit refunds a debit (transactions/debit/reverse).
func (c *Client) ReverseDebit(ctx context.Context, transactionID int64) error {
	return c.call(ctx, "/transactions/debit/reverse", txRequest{transactionID}, nil, transport.Once)
}

// ChargeHold captures a hold (transactions/debit/hold/charge).
func (c *Client) ChargeHold(ctx context.Context, transactionID int64) (*DebitResult, error) {
	return post[DebitResult](ctx, c, "/transactions/debit/hold/charge", txRequest{transactionID}, transport.Once)
}

// CancelHold releases a hold (transactions/debit/hold/cancel).
func (c *Client) CancelHold(ctx context.Context, transactionID int64) error {
	return c.call(ctx, "/transactions/debit/hold/cancel", txRequest{transactionID}, nil, transport.Once)
}
