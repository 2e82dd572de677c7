package paysys

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// ErrNoCredentials: the client was built without WithSignature or WithBasic.
var ErrNoCredentials = transport.ErrNoCredentials

// Client talks to one PaySys base URL (e.g. http://127.0.0.1:8080/paysys).
type Client struct {
	t          *transport.Client
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
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.t.HTTP = hc } }

// WithSignature signs calls with the Auth header.
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
	c := &Client{t: transport.New("paysys", baseURL), now: time.Now, newID: uuid}
	for _, o := range opts {
		o(c)
	}
	c.t.Auth = transport.Basic(c.user, c.pass)
	if !c.basic {
		c.t.Auth = c.sign
	}
	return c
}

// sign sets the Auth header; each attempt gets a fresh timestamp.
func (c *Client) sign(r *http.Request) error {
	if c.serviceID == "" {
		return ErrNoCredentials
	}
	r.Header.Set("Auth", Sign(c.serviceID, c.secretKey, c.now()))
	return nil
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

// call does one JSON-RPC call: a documented error is *Error, an unreadable
// or missing answer a *transport.NoAnswerError.
func (c *Client) call(ctx context.Context, id, method string, params, out any, retry transport.Retry) error {
	in := rpcRequest{ID: id, Method: method, Params: params}
	return c.t.Do(ctx, &transport.Call{Method: http.MethodPost, Path: "/gateway", In: in, Retry: retry, Decode: func(a *transport.Answer) error {
		var env rpcResponse
		if err := a.JSON(&env); err != nil {
			return err
		}
		if env.Error != nil {
			env.Error.HTTPStatus, env.Error.ID, env.Error.RequestID = a.Status, env.ID, a.RequestID
			return env.Error
		}
		if a.Status != http.StatusOK || len(env.Result) == 0 || string(env.Result) == "null" {
			return a.Unreadable(errors.New("no result"))
		}
		if err := json.Unmarshal(env.Result, out); err != nil {
			return a.Unreadable(err)
		}
		return nil
	}})
}

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
