package requisites

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// PaymentParams is a payment order by requisites (POST /api/v2/payment).
type PaymentParams struct {
	OrderID      string // unique, no spaces
	ServiceID    int64
	Amount       int64 // tiyin, without commission
	Commission   int64 // tiyin, may be 0
	ReceiverName string
	MFOReceiver  string // 5 digits
	Account      string // 20 digits
	INNReceiver  string // 9 digits, optional
	Purpose      string
	RefNumber    string // WORKING_WITH_CARD only
	CardType     string // UZCARD / HUMO, WORKING_WITH_CARD only
	CardNumber   string // 16 digits, WORKING_WITH_CARD only
}

// BudgetParams is a payment order to the state budget (POST /api/v2/paymentBudget).
type BudgetParams struct {
	OrderID     string
	ServiceID   int64
	Amount      int64
	Commission  int64
	Account     string // the recipient's 27-digit personal account
	INNReceiver string // 9 digits
	PurposeCode string // 5 digits
	Purpose     string
	RefNumber   string
	CardType    string
	CardNumber  string
}

// ErrOutcomeUnknown: the payment was sent but no answer came back. It may or
// may not have been created; call Resolve with the same orderId, never resend.
var ErrOutcomeUnknown = errors.New("requisites: payment outcome unknown; resolve it with PaymentStatus")

// wire bodies: the document sends numbers as strings (RQ-4) and spells
// comissionAmount with one "m" (RQ-2).
type paymentRequest struct {
	OrderID         string `json:"orderId"`
	Amount          string `json:"amount"`
	ComissionAmount string `json:"comissionAmount"`
	Purpose         string `json:"purpose"`
	PurposeCode     string `json:"purposeCode,omitempty"`
	ServiceID       string `json:"serviceId"`
	ReceiverName    string `json:"receiverName,omitempty"`
	MFOReceiver     string `json:"mfoReceiver,omitempty"`
	ReceiverAccount string `json:"receiverAccount"`
	INNReceiver     string `json:"innReceiver,omitempty"`
	RefNumber       string `json:"refNumber,omitempty"`
	CardType        string `json:"cardType,omitempty"`
	CardNumber      string `json:"cardNumber,omitempty"`
}

// Pay creates a payment order; it starts Введен. It is sent once: a lost
// answer is ErrOutcomeUnknown (call Resolve), and 1111 / 2222 also mean
// "check the status by orderId" (MustCheckStatus).
func (c *Client) Pay(ctx context.Context, p *PaymentParams) (*Order, error) {
	return c.create(ctx, "/api/v2/payment", paymentRequest{
		OrderID: p.OrderID, Amount: itoa(p.Amount), ComissionAmount: itoa(p.Commission), Purpose: p.Purpose,
		ServiceID: itoa(p.ServiceID), ReceiverName: p.ReceiverName, MFOReceiver: p.MFOReceiver,
		ReceiverAccount: p.Account, INNReceiver: p.INNReceiver, RefNumber: p.RefNumber,
		CardType: p.CardType, CardNumber: p.CardNumber,
	})
}

// PayBudget creates a payment order to the budget; as Pay.
func (c *Client) PayBudget(ctx context.Context, p *BudgetParams) (*Order, error) {
	return c.create(ctx, "/api/v2/paymentBudget", paymentRequest{
		OrderID: p.OrderID, Amount: itoa(p.Amount), ComissionAmount: itoa(p.Commission), Purpose: p.Purpose,
		PurposeCode: p.PurposeCode, ServiceID: itoa(p.ServiceID), ReceiverAccount: p.Account,
		INNReceiver: p.INNReceiver, RefNumber: p.RefNumber, CardType: p.CardType, CardNumber: p.CardNumber,
	})
}

func (c *Client) create(ctx context.Context, path string, body paymentRequest) (*Order, error) {
	var o Order
	err := c.send(ctx, http.MethodPost, path, body, &o, transport.Once)
	if na := (*transport.NoAnswerError)(nil); errors.As(err, &na) && na.Sent {
		return nil, fmt.Errorf("%w: %w", ErrOutcomeUnknown, err)
	}
	if err != nil {
		return nil, err
	}
	return &o, nil
}

// Resolve settles an unknown outcome: the order if it was created, or
// (nil, nil) when it was not (1008), so the same orderId may be paid again.
func (c *Client) Resolve(ctx context.Context, orderID string) (*Order, error) {
	o, err := c.PaymentStatus(ctx, orderID)
	if errors.Is(err, ErrOrderNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return o, nil
}

// StatementParams is a statement query (POST /api/v2/account/payments).
type StatementParams struct {
	ServiceID int64
	Type      int    // 0 all, 1 incoming, 2 outgoing
	LastID    int64  // 0 first, then the largest id already received
	FromDate  string // YYYY-MM-DD
	ToDate    string // YYYY-MM-DD
}

// StatementEntry is one statement line.
type StatementEntry struct {
	ID              int64  `json:"id"`
	DocNumber       string `json:"docNumber"`
	DocDate         string `json:"docDate"`
	PaymentDate     string `json:"paymentDate"`
	Type            string `json:"type"` // Приход / Расход
	MFOPayer        string `json:"mfoPayer"`
	AccountPayer    string `json:"accountPayer"`
	NamePayer       string `json:"namePayer"`
	INNPayer        string `json:"innPayer"`
	MFOReceiver     string `json:"mfoReceiver"`
	AccountReceiver string `json:"accountReceiver"`
	NameReceiver    string `json:"nameReceiver"`
	INNReceiver     string `json:"innReceiver"`
	Amount          int64  `json:"amount"`
	Purpose         string `json:"purpose"`
	Status          string `json:"status"`
}

// Statement returns one page of entries with id > LastID, by id.
func (c *Client) Statement(ctx context.Context, p *StatementParams) ([]StatementEntry, error) {
	body := map[string]any{
		"type": strconv.Itoa(p.Type), "lastId": p.LastID, "fromDate": p.FromDate, "toDate": p.ToDate, "serviceId": p.ServiceID,
	}
	var out []StatementEntry
	return out, c.read(ctx, http.MethodPost, "/api/v2/account/payments", body, &out)
}

// StatementAll pages through the statement with lastId until a page is empty.
func (c *Client) StatementAll(ctx context.Context, p StatementParams) ([]StatementEntry, error) {
	var all []StatementEntry
	for {
		page, err := c.Statement(ctx, &p)
		if err != nil {
			return all, err
		}
		if len(page) == 0 {
			return all, nil
		}
		all = append(all, page...)
		p.LastID = page[len(page)-1].ID
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
