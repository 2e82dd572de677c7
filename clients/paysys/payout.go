package paysys

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Payment statuses of pam.check_payment.
const (
	StatusError     = -1
	StatusCreated   = 0
	StatusAwaiting  = 1
	StatusCompleted = 2
	StatusCancelled = 3
	StatusRefunded  = 6
	StatusHeld      = 7
)

// PayByCashParams is a payout to an e-wallet.
type PayByCashParams struct {
	// RequestID is the JSON-RPC id; generated when empty. Keep it to resolve
	// a lost answer.
	RequestID string
	VendorID  int64
	Account   string // wallet account, 9–15 digits
	Amount    int64  // tiyin; sent as sums
	Currency  string // optional
}

// Payout is pam.pay_by_cash's result.
type Payout struct {
	RequestID     string
	ID            string // details.id
	TransactionID int64  // pass to CheckPayment
	Amount        int64  // tiyin
	Date          time.Time
	MxID          string // request tracker, may be empty
}

// PaymentStatus is pam.check_payment's result.
type PaymentStatus struct {
	Amount int64 // tiyin
	Date   time.Time
	Status int
	MxID   string
}

// sums is an amount on the wire (whole sums, maybe fractional).
type sums float64

func toSums(tiyin int64) json.Number {
	s := strconv.FormatInt(tiyin/100, 10)
	if f := tiyin % 100; f != 0 {
		s += "." + strings.TrimRight(strconv.FormatInt(100+f, 10)[1:], "0")
	}
	return json.Number(s)
}

func (s sums) tiyin() int64 {
	f := float64(s) * 100
	if f < 0 {
		return int64(f - 0.5)
	}
	return int64(f + 0.5)
}

type vendorForm struct {
	Account  string      `json:"account"`
	Currency string      `json:"currency,omitempty"`
	Amount   json.Number `json:"amount"`
	VendorID int64       `json:"vendor_id"`
}

type payResult struct {
	Details struct {
		ID            string `json:"id"`
		TransactionID int64  `json:"transaction_id"`
		Amount        sums   `json:"amount"`
		Date          int64  `json:"date"`
	} `json:"details"`
	MxID string `json:"mx_id"`
}

// PayByCash pays out to a wallet. It is sent once: when it may have reached
// the gateway and no answer is read, the error is an *UnknownOutcomeError
// (errors.Is ErrUnknownOutcome). A payout that never left (no connection)
// is tried again, then fails with a *transport.NoAnswerError: nothing moved.
func (c *Client) PayByCash(ctx context.Context, p *PayByCashParams) (*Payout, error) {
	id := p.RequestID
	if id == "" {
		id = c.newID()
	}
	params := map[string]any{"vendor_form": vendorForm{
		Account: p.Account, Currency: p.Currency, Amount: toSums(p.Amount), VendorID: p.VendorID,
	}}
	var r payResult
	err := c.call(ctx, id, "pam.pay_by_cash", params, &r, transport.Once)
	if na := (*transport.NoAnswerError)(nil); errors.As(err, &na) && na.Sent {
		return nil, &UnknownOutcomeError{RequestID: id, Err: err}
	}
	if err != nil {
		return nil, err
	}
	d := r.Details
	return &Payout{RequestID: id, ID: d.ID, TransactionID: d.TransactionID, Amount: d.Amount.tiyin(),
		Date: time.Unix(d.Date, 0), MxID: r.MxID}, nil
}

type checkResult struct {
	Result struct {
		Amount sums  `json:"amount"`
		Date   int64 `json:"date"`
		Status int   `json:"status"`
	} `json:"result"`
	MxID string `json:"mx_id"`
}

// CheckPayment returns a payout's status. It is a read: resent after a lost
// answer (transport.Attempts in all).
func (c *Client) CheckPayment(ctx context.Context, transactionID int64) (*PaymentStatus, error) {
	var r checkResult
	err := c.call(ctx, c.newID(), "pam.check_payment", map[string]int64{"agr_transaction_id": transactionID}, &r, transport.Read)
	if err != nil {
		return nil, err
	}
	return &PaymentStatus{Amount: r.Result.Amount.tiyin(), Date: time.Unix(r.Result.Date, 0), Status: r.Result.Status, MxID: r.MxID}, nil
}
