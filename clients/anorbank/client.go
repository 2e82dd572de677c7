package anorbank

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// ErrNoCredentials: Login was needed but the client has no credentials.
var ErrNoCredentials = transport.ErrNoCredentials

// Client talks to one Anor Bank base URL (e.g. http://127.0.0.1:8080/anorbank).
type Client struct {
	t        *transport.Client
	username string
	password string

	mu      sync.Mutex
	access  string
	refresh string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client; the suite's contract checker plugs in here.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.t.HTTP = hc } }

// WithCredentials sets the agent login used by Login and automatic re-login.
func WithCredentials(username, password string) Option {
	return func(c *Client) { c.username, c.password = username, password }
}

// New returns a client for baseURL.
func New(baseURL string, opts ...Option) *Client {
	c := &Client{t: transport.New("anorbank", baseURL)}
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

// Login obtains a token pair with the client's credentials. It is a read
// for retries: a second login only issues another pair.
func (c *Client) Login(ctx context.Context) (*Tokens, error) {
	if c.username == "" {
		return nil, fmt.Errorf("anorbank: Login: %w", ErrNoCredentials)
	}
	body := map[string]string{"username": c.username, "password": c.password}
	return c.auth(ctx, "/api/ext/user/login", body, transport.Read)
}

// Refresh rotates the token pair with the current refresh token. Never
// resent: the first attempt may already have rotated the pair.
func (c *Client) Refresh(ctx context.Context) (*Tokens, error) {
	c.mu.Lock()
	rt := c.refresh
	c.mu.Unlock()
	return c.auth(ctx, "/api/ext/user/refresh-token", map[string]string{"refreshToken": rt}, transport.Once)
}

func (c *Client) auth(ctx context.Context, path string, body any, retry transport.Retry) (*Tokens, error) {
	var env authEnvelope
	if err := c.send(ctx, http.MethodPost, path, body, &env, "", retry); err != nil {
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

// call performs an authenticated call. A Read that fails with `bad
// credentials` (an expired token) refreshes or logs in again and is sent
// once more; a Once call never is.
func (c *Client) call(ctx context.Context, method, path string, in, out any, retry transport.Retry) error {
	token := c.AccessToken()
	if token == "" {
		if _, err := c.Login(ctx); err != nil {
			return err
		}
		token = c.AccessToken()
	}
	err := c.send(ctx, method, path, in, out, token, retry)
	if retry != transport.Read || !errors.Is(err, ErrBadCredentials) {
		return err
	}
	if _, rerr := c.Refresh(ctx); rerr != nil {
		if _, lerr := c.Login(ctx); lerr != nil {
			return lerr
		}
	}
	return c.send(ctx, method, path, in, out, c.AccessToken(), retry)
}

// send does one call through the shared transport and decodes the answer or
// the documented error (bare, or nested in HTTP 200 on bmms paths).
func (c *Client) send(ctx context.Context, method, path string, in, out any, token string, retry transport.Retry) error {
	call := &transport.Call{Method: method, Path: path, In: in, Retry: retry, Decode: func(a *transport.Answer) error {
		if e := decodeError(a); e != nil {
			return e
		}
		if out == nil {
			return nil
		}
		return a.JSON(out)
	}}
	if token != "" {
		call.Header = http.Header{"Authorization": {"Bearer " + token}}
	}
	return c.t.Do(ctx, call)
}
