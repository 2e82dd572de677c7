package aloqa

import (
	"context"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// AddCardParams starts binding a card.
type AddCardParams struct {
	PAN    string `json:"pan"`
	Expiry string `json:"expiry"` // MMYY: 2027-07 is "0727"
	Phone  string `json:"phone"`  // 998XXXXXXXXX, with or without +
}

// SMSSent means a code went to Phone; confirm TransactionID with it.
type SMSSent struct {
	Phone         string `json:"phone"`
	TransactionID int64  `json:"transactionId"`
}

// ConfirmParams confirms a binding or a transfer with the SMS code.
type ConfirmParams struct {
	TransactionID int64  `json:"transactionId"`
	Code          string `json:"confirmedCode"`
}

// Card is a bound card (cards/add-confirm).
type Card struct {
	Token          string `json:"token"`
	SMS            bool   `json:"sms"`
	PinCnt         int    `json:"pincnt"`
	Status         int    `json:"status"`
	Balance        int64  `json:"balance"`
	CashbackAmount int64  `json:"cashbackAmount"`
	FilialCode     string `json:"filialCode"`
	Vendor         string `json:"vendor"`
	PAN            string `json:"pan"` // masked; do not assume the mask length
	Phone          string `json:"phone"`
	FullName       string `json:"fullName"`
	CardType       string `json:"cardtype"`
	Currency       string `json:"currency"`
	CurrencyCode   string `json:"currencyCode"`
	IsVirtual      bool   `json:"isVirtual"`
}

// AddCard sends an SMS code to the card's phone (cards/add).
func (c *Client) AddCard(ctx context.Context, p *AddCardParams) (*SMSSent, error) {
	return post[SMSSent](ctx, c, "/cards/add", p, transport.Once)
}

// ConfirmAddCard finishes binding and returns the card token (cards/add-confirm).
func (c *Client) ConfirmAddCard(ctx context.Context, p *ConfirmParams) (*Card, error) {
	return post[Card](ctx, c, "/cards/add-confirm", p, transport.Once)
}
