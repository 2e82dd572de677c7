// Package paysys is a typed client for the PaySys e-money gateway
// (JSON-RPC: pam.pay_by_cash, pam.check_payment).
//
// Money is int64 tiyin (the wire carries sums). Every method takes a context
// first. The client signs each call with the `Auth` header
// ({service_id}-{sha1(secret_key+timestamp)}-{timestamp}, ms) using an
// injectable clock, or sends HTTP Basic. Errors are *Error and compare with
// errors.Is against the Err* values. A payout is never resent: a lost answer
// is an *UnknownOutcomeError; CheckPayment (a read, retried on transport
// failures) or ResolvePayout settles it.
//
// It imports only the standard library.
package paysys

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Client talks to one PaySys base URL (e.g. http://127.0.0.1:8080/paysys).
type Client struct {
	base       string
	hc         *http.Client
	serviceID  string
	secretKey  string
	user, pass string
	basic      bool
	now        func() time.Time
	newID      func() string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithSignature signs calls with the Auth header (the default scheme).
func WithSignature(serviceID, secretKey string) Option {
	return func(c *Client) { c.serviceID, c.secretKey, c.basic = serviceID, secretKey, false }
}

// WithBasic authenticates with HTTP Basic instead.
func WithBasic(username, password string) Option {
	return func(c *Client) { c.user, c.pass, c.basic = username, password, true }
}

// WithClock sets the clock the Auth timestamp is taken from (time.Now by default).
func WithClock(now func() time.Time) Option { return func(c *Client) { c.now = now } }

// WithRequestIDs sets the generator of request ids (random UUIDs by default).
func WithRequestIDs(f func() string) Option { return func(c *Client) { c.newID = f } }

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), hc: &http.Client{Timeout: 60 * time.Second}, now: time.Now, newID: uuid}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Sign returns the Auth header value for serviceID/secretKey at t.
func Sign(serviceID, secretKey string, t time.Time) string {
	ts := strconv.FormatInt(t.UnixMilli(), 10)
	sum := sha1.Sum([]byte(secretKey + ts))
	return serviceID + "-" + hex.EncodeToString(sum[:]) + "-" + ts
}

type rpcRequest struct {
	ID     string `json:"id"`
	Method string `json:"method"`
	Params any    `json:"params"`
}

type rpcResponse struct {
	ID     any             `json:"id"`
	Error  *Error          `json:"error"`
	Result json.RawMessage `json:"result"`
}

// errTransport marks failures where no answer was read.
type errTransport struct{ err error }

func (e errTransport) Error() string { return e.err.Error() }
func (e errTransport) Unwrap() error { return e.err }

// call does one exchange: a documented error is *Error, an unreadable or
// missing answer is errTransport.
func (c *Client) call(ctx context.Context, id, method string, params, out any) error {
	b, err := json.Marshal(rpcRequest{ID: id, Method: method, Params: params})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/gateway", bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.basic {
		req.SetBasicAuth(c.user, c.pass)
	} else {
		req.Header.Set("Auth", Sign(c.serviceID, c.secretKey, c.now()))
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return errTransport{err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return errTransport{err}
	}
	var env rpcResponse
	if err := json.Unmarshal(data, &env); err != nil {
		return errTransport{fmt.Errorf("paysys: %s: unreadable answer (HTTP %d): %w", method, resp.StatusCode, err)}
	}
	if env.Error != nil {
		env.Error.HTTPStatus, env.Error.ID = resp.StatusCode, env.ID
		return env.Error
	}
	if resp.StatusCode != http.StatusOK || len(env.Result) == 0 || string(env.Result) == "null" {
		return errTransport{fmt.Errorf("paysys: %s: HTTP %d without a result", method, resp.StatusCode)}
	}
	return json.Unmarshal(env.Result, out)
}

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
