package aloqa

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// ErrNoCredentials: the client was built without WithCredentials.
var ErrNoCredentials = transport.ErrNoCredentials

// Client talks to one AloqaGateway base URL (e.g. http://127.0.0.1:8080/aloqa).
type Client struct {
	t *transport.Client // its Auth carries the Basic credentials
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.t.HTTP = hc } }

// WithCredentials sets the HTTP Basic credentials; they are required.
func WithCredentials(username, password string) Option {
	return func(c *Client) { c.t.Auth = transport.Basic(username, password) }
}

// WithLang sets the `lang` header: the language of the SMS codes ("uz" or "ru").
func WithLang(lang string) Option { return func(c *Client) { c.t.Header.Set("lang", lang) } }

// WithAppName sets the `app-name` header (e.g. "Kundalik-dev").
func WithAppName(name string) Option { return func(c *Client) { c.t.Header.Set("app-name", name) } }

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{t: transport.New("aloqa", baseURL)}
	c.t.Auth = transport.Basic("", "") // ErrNoCredentials until WithCredentials
	c.t.Header = http.Header{}
	for _, o := range opts {
		o(c)
	}
	return c
}

// envelope is {"error": null | {code, message}, "result": …}. A missing
// "error" (the add-confirm example, AQ-7) reads as success.
type envelope struct {
	Error *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Result json.RawMessage `json:"result"`
}

// post POSTs in to path and returns the decoded result.
func post[T any](ctx context.Context, c *Client, path string, in any, retry transport.Retry) (*T, error) {
	var out T
	if err := c.call(ctx, path, in, &out, retry); err != nil {
		return nil, err
	}
	return &out, nil
}

// call POSTs in to path and decodes the result into out.
func (c *Client) call(ctx context.Context, path string, in, out any, retry transport.Retry) error {
	return c.t.Do(ctx, &transport.Call{Method: http.MethodPost, Path: path, In: in, Retry: retry, Decode: func(a *transport.Answer) error {
		var env envelope
		if err := a.JSON(&env); err != nil {
			return err
		}
		if env.Error != nil {
			return &Error{Code: env.Error.Code, Message: env.Error.Message, HTTPStatus: a.Status, RequestID: a.RequestID}
		}
		if a.Status != http.StatusOK {
			return &Error{Code: ErrSystem.Code, Message: fmt.Sprintf("unexpected HTTP %d: %.200s", a.Status, a.Body), HTTPStatus: a.Status, RequestID: a.RequestID}
		}
		if out == nil {
			return nil
		}
		if err := json.Unmarshal(env.Result, out); err != nil {
			return a.Unreadable(err)
		}
		return nil
	}})
}
