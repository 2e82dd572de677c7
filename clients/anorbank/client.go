// Package anorbank is a typed client for the Anor Bank BM-Merchant API.
//
// Money is int64 tiyin. Every method takes a context first. Errors are
// *Error (the provider's detail, status and texts in uz/en/ru) and compare
// with errors.Is against the Err* values. The client logs in on demand and,
// for idempotent calls only, logs in again once when the token has expired;
// it never resends a pay, hold or top-up: query Status instead.
//
// It imports only the standard library.
package anorbank

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Client talks to one Anor Bank base URL (e.g. http://127.0.0.1:8080/anorbank).
type Client struct {
	base     string
	hc       *http.Client
	username string
	password string

	mu      sync.Mutex
	access  string
	refresh string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithCredentials sets the agent login used by Login and automatic re-login.
func WithCredentials(username, password string) Option {
	return func(c *Client) { c.username, c.password = username, password }
}

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{base: strings.TrimRight(baseURL, "/"), hc: &http.Client{Timeout: 60 * time.Second}}
	for _, o := range opts {
		o(c)
	}
	return c
}

// Tokens is the login/refresh result.
type Tokens struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int64  `json:"expires_in"`
	Scope        string `json:"scope"`
}

type authEnvelope struct {
	StatusCode    int    `json:"statusCode"`
	StatusMessage string `json:"statusMessage"`
	Result        Tokens `json:"result"`
}

// Login obtains a token pair with the client's credentials.
func (c *Client) Login(ctx context.Context) (*Tokens, error) {
	body := map[string]string{"username": c.username, "password": c.password}
	var env authEnvelope
	if err := c.send(ctx, http.MethodPost, "/api/ext/user/login", body, &env, ""); err != nil {
		return nil, err
	}
	c.setTokens(env.Result)
	return &env.Result, nil
}

// Refresh rotates the token pair with the current refresh token.
func (c *Client) Refresh(ctx context.Context) (*Tokens, error) {
	c.mu.Lock()
	rt := c.refresh
	c.mu.Unlock()
	var env authEnvelope
	if err := c.send(ctx, http.MethodPost, "/api/ext/user/refresh-token", map[string]string{"refreshToken": rt}, &env, ""); err != nil {
		return nil, err
	}
	c.setTokens(env.Result)
	return &env.Result, nil
}

// SetTokens installs a token pair obtained elsewhere.
func (c *Client) SetTokens(t Tokens) { c.setTokens(t) }

// AccessToken returns the current access token ("" before login).
func (c *Client) AccessToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.access
}

func (c *Client) setTokens(t Tokens) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.access, c.refresh = t.AccessToken, t.RefreshToken
}

// call performs an authenticated call. idempotent calls that fail with
// `bad credentials` (an expired token) refresh or log in again and are
// retried once; others are never resent.
func (c *Client) call(ctx context.Context, method, path string, in, out any, idempotent bool) error {
	token := c.AccessToken()
	if token == "" {
		if _, err := c.Login(ctx); err != nil {
			return err
		}
		token = c.AccessToken()
	}
	err := c.send(ctx, method, path, in, out, token)
	if !idempotent || !errors.Is(err, ErrBadCredentials) {
		return err
	}
	if _, rerr := c.Refresh(ctx); rerr != nil {
		if _, lerr := c.Login(ctx); lerr != nil {
			return lerr
		}
	}
	return c.send(ctx, method, path, in, out, c.AccessToken())
}

// send does one HTTP exchange and decodes the answer or the documented error
// (bare, or nested in HTTP 200 as {"id", "result": {error}} on bmms paths).
func (c *Client) send(ctx context.Context, method, path string, in, out any, token string) error {
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
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	if e := decodeError(resp, data); e != nil {
		return e
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("anorbank: %s %s: unexpected answer (HTTP %d): %w", method, path, resp.StatusCode, err)
	}
	return nil
}
