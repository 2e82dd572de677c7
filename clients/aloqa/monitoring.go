package aloqa

import (
	"context"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// MonitoringParams asks for the history of cards in a period.
type MonitoringParams struct {
	Tokens []string `json:"tokens"`
	From   string   `json:"from"` // YYYY-MM-DD
	To     string   `json:"to"`
	Page   int      `json:"page"` // 0-based
	Size   int      `json:"size"`
}

// Operation is one monitoring record. The list names the date `udate`,
// get/entry names it `update` (both are read into UDate).
type Operation struct {
	ID             string  `json:"_id"`
	PAN            string  `json:"pan"`
	CardNumber     string  `json:"cardNumber,omitempty"` // get/entry only
	City           string  `json:"city"`
	UTime          int     `json:"utime"`
	UDate          int     `json:"udate"`
	Update         int     `json:"update"`
	Date           int64   `json:"date"`
	Type           string  `json:"type"`
	Amount         int64   `json:"amount"`
	Reversal       bool    `json:"reversal"`
	Currency       int     `json:"currency"`
	RefNum         string  `json:"refNum"`
	Vendor         string  `json:"vendor"`
	SysNum         string  `json:"sysNum"`
	AprCode        string  `json:"aprCode"`
	RefNumber      string  `json:"refNumber"`
	IsCredit       bool    `json:"isCredit"`
	Merchant       string  `json:"merchant"`
	Terminal       string  `json:"terminal"`
	Description    string  `json:"description"`
	MerchantName   string  `json:"merchantName"`
	InternalNumber string  `json:"internalNumber"`
	CreatedAt      string  `json:"createdAt"`
	CreatedDate    int64   `json:"createdDate"`
	TagID          *string `json:"tagId"`
	TagName        *string `json:"tagName"`
}

// Day is the operation's date YYYYMMDD, whichever key carried it.
func (o *Operation) Day() int {
	if o.UDate != 0 {
		return o.UDate
	}
	return o.Update
}

// History is cards/monitoring's answer.
type History struct {
	TotalDebit   int64       `json:"totalDebit"`
	TotalCredit  int64       `json:"totalCredit"`
	Transactions []Operation `json:"transactions"`
}

// Monitoring lists the cards' operations (cards/monitoring).
func (c *Client) Monitoring(ctx context.Context, p *MonitoringParams) (*History, error) {
	return post[History](ctx, c, "/cards/monitoring", p, transport.Read)
}

// Entry returns one operation with the full card number (monitoring/get/entry).
func (c *Client) Entry(ctx context.Context, id string) (*Operation, error) {
	return post[Operation](ctx, c, "/monitoring/get/entry", map[string]string{"id": id}, transport.Read)
}
