// Package aloqa is a typed client for the AloqaGateway API (cards, debits
// and holds, P2P transfers, monitoring).
//
// Money is int64 tiyin. Every method takes a context first. Errors are
// *Error (code and Russian message) and compare with errors.Is. The client
// never resends a debit, confirm, charge, cancel, reverse or transfer once
// it may have reached the gateway: on a timeout look the operation up in
// Monitoring instead. Only the read-only calls (recipient-info, fee-info,
// monitoring) are retried once after a transport failure.
//
// It imports only the standard library.
package aloqa

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Client talks to one AloqaGateway base URL (e.g. http://127.0.0.1:8080/aloqa).
type Client struct {
	base     string
	hc       *http.Client
	username string
	password string
	lang     string
	appName  string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithCredentials sets the HTTP Basic credentials (sandbox: sandbox/sandbox).
func WithCredentials(username, password string) Option {
	return func(c *Client) { c.username, c.password = username, password }
}

// WithLang sets the `lang` header: the language of the SMS codes ("uz" or "ru").
func WithLang(lang string) Option { return func(c *Client) { c.lang = lang } }

// WithAppName sets the `app-name` header (e.g. "Kundalik-dev").
func WithAppName(name string) Option { return func(c *Client) { c.appName = name } }

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), hc: &http.Client{Timeout: 60 * time.Second}}
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

// call does one POST; retry allows one more attempt after a transport
// failure (read-only calls only).
func (c *Client) call(ctx context.Context, path string, in, out any, retry bool) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	err = c.send(ctx, path, body, out)
	if retry && isTransport(err) && ctx.Err() == nil {
		err = c.send(ctx, path, body, out)
	}
	return err
}

type transportError struct{ err error }

func (e transportError) Error() string { return e.err.Error() }
func (e transportError) Unwrap() error { return e.err }

func isTransport(err error) bool { _, ok := err.(transportError); return ok }

func (c *Client) send(ctx context.Context, path string, body []byte, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(c.username, c.password)
	if c.lang != "" {
		req.Header.Set("lang", c.lang)
	}
	if c.appName != "" {
		req.Header.Set("app-name", c.appName)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return transportError{err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return transportError{err}
	}
	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		return fmt.Errorf("aloqa: POST %s: unexpected answer (HTTP %d): %w", path, resp.StatusCode, err)
	}
	if env.Error != nil {
		return &Error{Code: env.Error.Code, Message: env.Error.Message, HTTPStatus: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id")}
	}
	if resp.StatusCode != http.StatusOK {
		return &Error{Code: -32334, Message: fmt.Sprintf("unexpected HTTP %d: %.200s", resp.StatusCode, data), HTTPStatus: resp.StatusCode}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return fmt.Errorf("aloqa: POST %s: unexpected result: %w", path, err)
	}
	return nil
}
