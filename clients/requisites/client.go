package requisites

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Client talks to one base URL (e.g. http://127.0.0.1:8080/requisites).
type Client struct {
	t *transport.Client // its Auth carries the Basic credentials
}

// ErrNoCredentials: the client was built without WithCredentials.
var ErrNoCredentials = transport.ErrNoCredentials

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.t.HTTP = hc } }

// WithCredentials sets the HTTP Basic credentials; they are required.
func WithCredentials(username, password string) Option {
	return func(c *Client) { c.t.Auth = transport.Basic(username, password) }
}

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{t: transport.New("requisites", baseURL)}
	c.t.Auth = transport.Basic("", "") // ErrNoCredentials until WithCredentials
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

// read sends a read, resent after a lost answer.
func (c *Client) read(ctx context.Context, method, path string, in, out any) error {
	return c.send(ctx, method, path, in, out, transport.Read)
}

func (c *Client) send(ctx context.Context, method, path string, in, out any, retry transport.Retry) error {
	return c.t.Do(ctx, &transport.Call{Method: method, Path: path, In: in, Retry: retry, Decode: func(a *transport.Answer) error {
		return decode(a, out)
	}})
}
