package aloqa

import (
	"context"
	"strconv"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Route is a P2P route.
type Route string

const (
	Uzcard2Uzcard Route = "uzcard2uzcard"
	Uzcard2Humo   Route = "uzcard2humo"
	Humo2Uzcard   Route = "humo2uzcard"
	Humo2Humo     Route = "humo2humo"
)

// Recipient is p2p/recipient-info's answer.
type Recipient struct {
	Name   string `json:"name"`
	Vendor string `json:"vendor"`
	Expiry string `json:"expiry"` // YYMM
}

// FeeInfoParams asks for a transfer's commission.
type FeeInfoParams struct {
	PAN    string `json:"pan"`   // sender
	PAN2   string `json:"pan2"`  // recipient
	Phone  string `json:"phone"` // the user's login, the sender card's phone
	Amount int64  `json:"amount"`
}

// Fee is p2p/fee-info's answer.
type Fee struct {
	Fee         int64  `json:"fee"`
	FeeRate     string `json:"feeRate"` // percent
	AmountTotal int64  `json:"amountTotal"`
}

// TransferParams is a P2P transfer from the token's card to PAN.
type TransferParams struct {
	Token                string `json:"token"`
	PAN                  string `json:"pan"`
	Expiry               string `json:"expiry"` // recipient's, YYMM: 2027-07 is "2707"
	Amount               int64  `json:"amount"`
	ForceSMSConfirmation bool   `json:"force_sms_confirmation"`
}

// TransferResult is any transfer answer: {phone, transactionId} when an
// SMS code was sent, else the route's fields.
type TransferResult struct {
	Phone          string `json:"phone,omitempty"`
	TransactionID  int64  `json:"transactionId,omitempty"`
	Fee            string `json:"fee,omitempty"` // tiyin, as a string
	RefNum         string `json:"refNum,omitempty"`
	AprCode        string `json:"aprCode,omitempty"`
	PaymentID      string `json:"paymentId,omitempty"`
	PaymentRef     string `json:"paymentRef,omitempty"`
	AuthRefNumber  string `json:"auth_ref_number,omitempty"`
	MerchantID     string `json:"merchantId,omitempty"`
	TerminalID     string `json:"terminalId,omitempty"`
	OfdURL         string `json:"ofd_url,omitempty"`
	HasFiskalCheck bool   `json:"has_fiskal_check,omitempty"`
}

// NeedsSMS reports the {phone, transactionId} answer: call ConfirmTransfer.
func (r *TransferResult) NeedsSMS() bool { return r.Phone != "" }

// FeeTiyin parses Fee (0 when absent).
func (r *TransferResult) FeeTiyin() int64 {
	n, _ := strconv.ParseInt(r.Fee, 10, 64)
	return n
}

// RecipientInfo looks up a recipient card (p2p/recipient-info).
func (c *Client) RecipientInfo(ctx context.Context, pan string) (*Recipient, error) {
	return post[Recipient](ctx, c, "/p2p/recipient-info", map[string]string{"pan": pan}, transport.Read)
}

// FeeInfo quotes a transfer's commission (p2p/fee-info).
func (c *Client) FeeInfo(ctx context.Context, p *FeeInfoParams) (*Fee, error) {
	return post[Fee](ctx, c, "/p2p/fee-info", p, transport.Read)
}

// Transfer sends money on route (p2p/<route>). Never resent.
func (c *Client) Transfer(ctx context.Context, route Route, p *TransferParams) (*TransferResult, error) {
	return post[TransferResult](ctx, c, "/p2p/"+string(route), p, transport.Once)
}

// ConfirmTransfer confirms a transfer with the SMS code (p2p/confirm).
func (c *Client) ConfirmTransfer(ctx context.Context, p *ConfirmParams) (*TransferResult, error) {
	return post[TransferResult](ctx, c, "/p2p/confirm", p, transport.Once)
}
