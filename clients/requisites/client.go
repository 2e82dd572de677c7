// Package requisites is a typed client for the payment-by-bank-requisites
// API ("Оплата по реквизитам", /api/v2).
//
// Money is int64 tiyin. Every method takes a context first. Errors are
// *Error (code and Russian message) and compare with errors.Is against the
// Err* values. Reads are retried once on a transport failure; a payment is
// never resent: when its outcome is unknown (ErrOutcomeUnknown, or 1111 /
// 2222 whose documented action is to check the status) call Resolve, which
// asks GET /api/v2/payment/{orderId}.
//
// It imports only the standard library.
package requisites

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client talks to one base URL (e.g. http://127.0.0.1:8080/requisites).
type Client struct {
	base     string
	hc       *http.Client
	username string
	password string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithCredentials sets the HTTP Basic credentials (default gray / p@ssw0rd, the document's example).
func WithCredentials(username, password string) Option {
	return func(c *Client) { c.username, c.password = username, password }
}

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), hc: &http.Client{Timeout: 60 * time.Second}, username: "gray", password: "p@ssw0rd"}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Payment-order statuses.
const (
	StatusEntered = "Введен"   // accepted, not executed: poll PaymentStatus
	StatusPosted  = "Проведен" // executed
	StatusDeleted = "Удален"   // refused by the bank; start again with a new orderId
)

// Service is one entry of GET /api/v2/services.
type Service struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Activated bool   `json:"activated"`
	Type      string `json:"type"` // WORKING_WITH_CARD: card fields required; CARD_IS_OPTIONAL
	Account   string `json:"account"`
}

// Order is a payment order's status.
type Order struct {
	PaymentStatus string `json:"payment_status"`
	DocID         string `json:"doc_id"`
}

// Final reports a final status (Проведен or Удален).
func (o *Order) Final() bool {
	return o.PaymentStatus == StatusPosted || o.PaymentStatus == StatusDeleted
}

// Services lists the partner's services; call it first.
func (c *Client) Services(ctx context.Context) ([]Service, error) {
	var out []Service
	return out, c.read(ctx, http.MethodGet, "/api/v2/services", nil, &out)
}

// PaymentStatus returns the order created with orderID; ErrOrderNotFound when there is none.
func (c *Client) PaymentStatus(ctx context.Context, orderID string) (*Order, error) {
	var o Order
	return &o, c.read(ctx, http.MethodGet, "/api/v2/payment/"+url.PathEscape(orderID), nil, &o)
}

// Balance returns the service balance in tiyin.
func (c *Client) Balance(ctx context.Context, serviceID int64) (int64, error) {
	var out struct {
		Balance string `json:"balance"` // a string on the wire
	}
	if err := c.read(ctx, http.MethodGet, "/api/v2/account/"+strconv.FormatInt(serviceID, 10)+"/balance", nil, &out); err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(out.Balance, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("requisites: balance %q is not a number", out.Balance)
	}
	return n, nil
}

// read sends an idempotent call, once more after a transport failure.
func (c *Client) read(ctx context.Context, method, path string, in, out any) error {
	err := c.send(ctx, method, path, in, out)
	var transport *transportError
	if errors.As(err, &transport) && ctx.Err() == nil {
		err = c.send(ctx, method, path, in, out)
	}
	return err
}

// transportError: no usable answer arrived (connection reset, timeout, cut body).
type transportError struct{ err error }

func (e *transportError) Error() string { return "requisites: " + e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

func (c *Client) send(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	req.SetBasicAuth(c.username, c.password)
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return &transportError{err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return &transportError{err}
	}
	if len(data) == 0 {
		return &transportError{fmt.Errorf("empty answer (HTTP %d)", resp.StatusCode)}
	}
	return decode(resp, data, out)
}
