package anorbank

import (
	"context"
	"net/http"
	"strconv"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Bill statuses. AN-11: servers vary in how they spell a held bill.
const (
	StatusCheckOK     = "CHECK_OK"
	StatusSuccess     = "SUCCESS"
	StatusHoldSuccess = "HOLD_SUCCESS"
	StatusCancelled   = "CANCELLED"
)

// Bill is the bill object (§2). Every field is optional on the wire (AN-17).
type Bill struct {
	ID                 int64             `json:"id"`
	RecipientShortName string            `json:"recipientShortName"`
	SessionID          *string           `json:"sessionId"`
	Amount             int64             `json:"amount"` // tiyin
	Account            *string           `json:"account"`
	Currency           int               `json:"currency"`
	ExtID              *string           `json:"extId"`
	RequestTime        string            `json:"requestTime"`
	ResponseTime       string            `json:"responseTime"`
	ResponseText       string            `json:"responseText"`
	Success            bool              `json:"success"`
	Status             string            `json:"status"`
	Data               map[string]string `json:"data"`
}

// Held reports a bill whose money is held: `HOLD_SUCCESS` or, as the
// reference's more/partial examples print it, `HOLD SUCCESS` (AN-11).
func (b *Bill) Held() bool { return b.Status == StatusHoldSuccess || b.Status == "HOLD SUCCESS" }

// Hold results also count as held when a server answers hold/v2/otp with
// `SUCCESS`, as the reference's own hold example does (AN-11).
func (b *Bill) holdAccepted() bool { return b.Held() || b.Status == StatusSuccess }

// CheckParams is an unregistered-check: it creates the bill and texts an
// OTP to the card's phone.
type CheckParams struct {
	Account     string
	RecipientID int64
	Amount      int64 // tiyin
	Currency    int   // 860 when 0
	AgentTranID string
	PAN, Exp    string // Exp is MMYY
}

type checkWire struct {
	Account     string     `json:"account"`
	RecipientID int64      `json:"recipientId"`
	Amount      string     `json:"amount"` // the table says String (AN-8)
	Currency    int        `json:"currency"`
	AgentTranID string     `json:"agentTranId"`
	Params      cardParams `json:"params"`
}

type cardParams struct {
	PAN string `json:"pan"`
	Exp string `json:"exp"`
}

// PayParams pays or holds a checked bill with the client's SMS code.
type PayParams struct {
	BillID int64
	OTP    string
	Type   string // "PC" when empty
}

type payWire struct {
	BillID int64     `json:"billId"` // AN-2: clients send billId
	Type   string    `json:"type"`
	Params otpParams `json:"params"` // AN-10: the example's params.otp
}

type otpParams struct {
	OTP string `json:"otp"`
}

// TopUpParams adds Amount (the increment, AN-13) to a hold.
type TopUpParams struct {
	BillID   int64
	Amount   int64
	Type     string // "UZCARD" when empty
	PAN, Exp string
}

type topUpWire struct {
	BillID int64      `json:"billId"`
	Amount int64      `json:"amount"`
	Type   string     `json:"type"`
	Params cardParams `json:"params"`
}

// PartialReverseParams releases ReverseAmount of a hold.
type PartialReverseParams struct {
	BillID        int64 `json:"billId"`
	ReverseAmount int64 `json:"reverseAmount"`
}

type billIDWire struct {
	BillID int64 `json:"billId"`
}

// StatusParams names a bill by id or by the agent's transaction id.
type StatusParams struct {
	BillID      int64  `json:"billId,omitempty"`
	AgentTranID string `json:"agentTranId,omitempty"`
}

const agentAPI = "/services/bmms/api/agent/"

// Check creates a bill. It is not resent on failure; a repeated
// agentTranId returns the same bill (AN-15), so callers may repeat it.
func (c *Client) Check(ctx context.Context, p *CheckParams) (*Bill, error) {
	cur := p.Currency
	if cur == 0 {
		cur = 860
	}
	in := checkWire{Account: p.Account, RecipientID: p.RecipientID, Amount: strconv.FormatInt(p.Amount, 10),
		Currency: cur, AgentTranID: p.AgentTranID, Params: cardParams{PAN: p.PAN, Exp: p.Exp}}
	return c.bill(ctx, "unregistered-check", in, transport.Once)
}

// Pay pays a checked bill. Never resent: on an unknown outcome, call Status.
func (c *Client) Pay(ctx context.Context, p *PayParams) (*Bill, error) {
	return c.bill(ctx, "unregistered-pay", payWire{BillID: p.BillID, Type: orDefault(p.Type, "PC"), Params: otpParams{p.OTP}}, transport.Once)
}

// Hold reserves the bill's amount. Never resent. The answer counts as held
// whether the server says HOLD_SUCCESS, HOLD SUCCESS or SUCCESS (AN-11).
func (c *Client) Hold(ctx context.Context, p *PayParams) (*Bill, error) {
	b, err := c.bill(ctx, "hold/v2/otp", payWire{BillID: p.BillID, Type: orDefault(p.Type, "PC"), Params: otpParams{p.OTP}}, transport.Once)
	if err == nil && b.holdAccepted() {
		b.Status = StatusHoldSuccess
	}
	return b, err
}

// TopUpHold adds to a hold without OTP. Never resent. The answer's Amount
// is the new total held.
func (c *Client) TopUpHold(ctx context.Context, p *TopUpParams) (*Bill, error) {
	in := topUpWire{BillID: p.BillID, Amount: p.Amount, Type: orDefault(p.Type, "UZCARD"), Params: cardParams{PAN: p.PAN, Exp: p.Exp}}
	return c.bill(ctx, "hold/v2/more", in, transport.Once)
}

// ReverseHoldPartially releases part of a hold; Amount is what remains held.
func (c *Client) ReverseHoldPartially(ctx context.Context, p *PartialReverseParams) (*Bill, error) {
	return c.bill(ctx, "hold/v2/reverse/partial", p, transport.Once)
}

// ConfirmHold captures the held amount. Never resent.
func (c *Client) ConfirmHold(ctx context.Context, billID int64) (*Bill, error) {
	return c.bill(ctx, "hold/v2/confirm", billIDWire{billID}, transport.Once)
}

// ReverseHold releases the whole hold.
func (c *Client) ReverseHold(ctx context.Context, billID int64) (*Bill, error) {
	return c.bill(ctx, "hold/v2/reverse", billIDWire{billID}, transport.Once)
}

// Cancel refunds a payment or a confirmed hold; the agent needs the cancel
// role (without it: ErrBadCredentials, HTTP 401).
func (c *Client) Cancel(ctx context.Context, billID int64) (*Bill, error) {
	return c.bill(ctx, "cancel/v3", billIDWire{billID}, transport.Once)
}

// Status reports a bill. A status check: resent after a lost answer, and once
// more after renewing an expired token.
func (c *Client) Status(ctx context.Context, p *StatusParams) (*Bill, error) {
	return c.bill(ctx, "status", p, transport.Read)
}

func (c *Client) bill(ctx context.Context, op string, in any, retry transport.Retry) (*Bill, error) {
	var b Bill
	if err := c.call(ctx, http.MethodPost, agentAPI+op, in, &b, retry); err != nil {
		return nil, err
	}
	return &b, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
