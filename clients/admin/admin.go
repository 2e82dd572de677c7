package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Client talks to one namespace's control API.
type Client struct {
	t     *transport.Client // Base: e.g. http://127.0.0.1:8080 or http://127.0.0.1:8080/ns/ci-42
	token string
}

// Option configures a Client.
type Option func(*Client)

// WithHTTPClient sets the HTTP client (timeouts, transport).
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.t.HTTP = hc } }

// WithToken sends the sandbox's admin token (-admin-token).
func WithToken(token string) Option { return func(c *Client) { c.token = token } }

// New returns a client for the sandbox at baseURL (optionally ending in /ns/{name}).
func New(baseURL string, opts ...Option) *Client {
	c := &Client{t: transport.New("paysandbox admin", baseURL)}
	c.t.HTTP.Timeout, c.t.Limit = 30*time.Second, 64<<20
	for _, o := range opts {
		o(c)
	}
	c.t.Auth = c.authorize
	return c
}

// authorize sends the token when there is one: a sandbox started without
// -admin-token needs none, so no token is no error here.
func (c *Client) authorize(r *http.Request) error {
	if c.token != "" {
		r.Header.Set("Authorization", "Bearer "+c.token)
	}
	return nil
}

// Namespace returns a client for namespace name on the same server.
func (c *Client) Namespace(name string) *Client {
	base := c.t.Base
	if i := strings.Index(base, "/ns/"); i >= 0 {
		base = base[:i]
	}
	t := *c.t
	t.Base = base + "/ns/" + url.PathEscape(name)
	n := &Client{t: &t, token: c.token}
	t.Auth = n.authorize
	return n
}

// Error is a control-API error.
type Error struct {
	HTTPStatus int       `json:"-"`
	Code       string    `json:"error"`
	Message    string    `json:"message"`
	Problems   []Problem `json:"errors,omitempty"` // PUT /scenario
}

// Problem is one thing wrong with a scenario.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	if len(e.Problems) > 0 {
		var b strings.Builder
		for _, p := range e.Problems {
			fmt.Fprintf(&b, "\n  %s: %s", p.Path, p.Message)
		}
		return fmt.Sprintf("paysandbox admin: %d %s:%s", e.HTTPStatus, e.Code, b.String())
	}
	return fmt.Sprintf("paysandbox admin: %d %s: %s", e.HTTPStatus, e.Code, e.Message)
}

// Health is GET /__admin/health.
type Health struct {
	Status        string   `json:"status"`
	Version       string   `json:"version"`
	Scenario      string   `json:"scenario"`
	Namespace     string   `json:"namespace"`
	UptimeSeconds float64  `json:"uptime_seconds"`
	Strict        bool     `json:"strict"`
	Providers     []string `json:"providers"`
}

// SMS is one message in the outbox.
type SMS struct {
	Provider string    `json:"provider"`
	Phone    string    `json:"phone"`
	Text     string    `json:"text"`
	Code     string    `json:"code"`
	SentAt   time.Time `json:"sent_at"`
}

// Request is one journal entry.
type Request struct {
	ID         int64     `json:"id"`
	Time       time.Time `json:"time"`
	RequestID  string    `json:"request_id"`
	Method     string    `json:"method"`
	Path       string    `json:"path"`
	Status     int       `json:"status"`
	DurationMS float64   `json:"duration_ms"`
	Provider   string    `json:"provider"`
	Operation  string    `json:"operation"`
	ErrorCode  string    `json:"error_code"`
	Rule       string    `json:"rule"`
	Request    string    `json:"request_body"`
	Response   string    `json:"response_body"`
	Violation  string    `json:"contract_violation"`
}

// Fault arms a documented error, a fault or a delay for the next matching calls.
type Fault struct {
	Name      string         `json:"name,omitempty"`
	Provider  string         `json:"provider"`
	Operation []string       `json:"operation,omitempty"`
	Match     map[string]any `json:"match,omitempty"`
	Error     string         `json:"error,omitempty"` // a documented code of the provider
	Fault     string         `json:"fault,omitempty"` // reset, timeout, empty, malformed, apply_then_drop, apply_then_timeout, apply_then_error
	Delay     string         `json:"delay,omitempty"` // "2s"
	// Outcome scripts what the operation leads to instead of an error:
	// requisites {"final_status": "…"} (null: stays Введен), paysys
	// {"statuses": [{"status": 1, "for": "30s"}, {"status": 2}]}.
	Outcome map[string]any `json:"outcome,omitempty"`
	Times   int            `json:"times,omitempty"` // default 1
	// Probability in (0, 1] fires the fault on that share of matching
	// calls, drawn from the namespace seed (0 or absent: every call).
	Probability float64 `json:"probability,omitempty"`
}

// ArmedFault is a fault still armed.
type ArmedFault struct {
	Fault
	Remaining int `json:"remaining"`
}

// Health reports the sandbox and the namespace this client talks to.
func (c *Client) Health(ctx context.Context) (*Health, error) {
	var h Health
	return &h, c.do(ctx, http.MethodGet, "/__admin/health", nil, "", &h)
}

// Reset puts state, journal, SMS, faults and clock back to the scenario's start.
func (c *Client) Reset(ctx context.Context) error {
	return c.do(ctx, http.MethodPost, "/__admin/reset", nil, "", nil)
}

// Scenario returns the scenario in force as JSON.
func (c *Client) Scenario(ctx context.Context) (json.RawMessage, error) {
	var raw json.RawMessage
	return raw, c.do(ctx, http.MethodGet, "/__admin/scenario", nil, "", &raw)
}

// PutScenario replaces the scenario with a YAML or JSON document. An invalid
// one fails with an *Error listing every problem.
func (c *Client) PutScenario(ctx context.Context, doc []byte) error {
	ct := "application/yaml"
	if json.Valid(doc) {
		ct = "application/json"
	}
	return c.do(ctx, http.MethodPut, "/__admin/scenario", doc, ct, nil)
}

type clockResponse struct {
	Now time.Time `json:"now"`
}

// Now returns the sandbox time.
func (c *Client) Now(ctx context.Context) (time.Time, error) {
	var r clockResponse
	err := c.do(ctx, http.MethodGet, "/__admin/clock", nil, "", &r)
	return r.Now, err
}

// AdvanceClock moves the sandbox clock by d and returns the new time.
func (c *Client) AdvanceClock(ctx context.Context, d time.Duration) (time.Time, error) {
	return c.postClock(ctx, map[string]string{"advance": d.String()})
}

// SetClock puts the sandbox clock at t.
func (c *Client) SetClock(ctx context.Context, t time.Time) (time.Time, error) {
	return c.postClock(ctx, map[string]string{"set": t.Format(time.RFC3339Nano)})
}

func (c *Client) postClock(ctx context.Context, body map[string]string) (time.Time, error) {
	b, _ := json.Marshal(body)
	var r clockResponse
	err := c.do(ctx, http.MethodPost, "/__admin/clock", b, "application/json", &r)
	return r.Now, err
}

// SMS lists the messages sent to phone (all when empty), newest first.
func (c *Client) SMS(ctx context.Context, phone string) ([]SMS, error) {
	var r struct {
		Messages []SMS `json:"messages"`
	}
	path := "/__admin/sms"
	if phone != "" {
		path += "?phone=" + url.QueryEscape(phone)
	}
	return r.Messages, c.do(ctx, http.MethodGet, path, nil, "", &r)
}

// LatestCode returns the code of the newest SMS to phone.
func (c *Client) LatestCode(ctx context.Context, phone string) (string, error) {
	msgs, err := c.SMS(ctx, phone)
	if err != nil {
		return "", err
	}
	if len(msgs) == 0 {
		return "", fmt.Errorf("paysandbox admin: no SMS to %s", phone)
	}
	return msgs[0].Code, nil
}

// Requests returns the journal, newest first (provider "" = all, limit 0 = server default).
func (c *Client) Requests(ctx context.Context, provider string, limit int) ([]Request, error) {
	q := url.Values{}
	if provider != "" {
		q.Set("provider", provider)
	}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	path := "/__admin/requests"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	var r struct {
		Requests []Request `json:"requests"`
	}
	return r.Requests, c.do(ctx, http.MethodGet, path, nil, "", &r)
}

// ArmFault arms f and returns every armed fault.
func (c *Client) ArmFault(ctx context.Context, f Fault) ([]ArmedFault, error) {
	b, _ := json.Marshal(f)
	return c.faults(ctx, http.MethodPost, b)
}

// Faults lists the armed faults.
func (c *Client) Faults(ctx context.Context) ([]ArmedFault, error) {
	return c.faults(ctx, http.MethodGet, nil)
}

// ClearFaults drops every armed fault.
func (c *Client) ClearFaults(ctx context.Context) error {
	_, err := c.faults(ctx, http.MethodDelete, nil)
	return err
}

func (c *Client) faults(ctx context.Context, method string, body []byte) ([]ArmedFault, error) {
	var r struct {
		Faults []ArmedFault `json:"faults"`
	}
	ct := ""
	if body != nil {
		ct = "application/json"
	}
	return r.Faults, c.do(ctx, method, "/__admin/faults", body, ct, &r)
}

// State returns a provider's state ("cards" for the shared card ledger) into out.
func (c *Client) State(ctx context.Context, provider string, out any) error {
	return c.do(ctx, http.MethodGet, "/__admin/state/"+url.PathEscape(provider), nil, "", out)
}

// Card is a card in GET /__admin/state/cards.
type Card struct {
	PAN     string `json:"pan"` // masked
	Vendor  string `json:"vendor"`
	Balance int64  `json:"balance"`
	Held    int64  `json:"held"`
	Status  string `json:"status"`
}

// Cards returns the card ledger (masked).
func (c *Client) Cards(ctx context.Context) ([]Card, error) {
	var r struct {
		Cards []Card `json:"cards"`
	}
	return r.Cards, c.State(ctx, "cards", &r)
}

// Balance returns the available and held tiyin of the card whose masked PAN
// matches pan (first 6 and last 4 digits).
func (c *Client) Balance(ctx context.Context, pan string) (available, held int64, err error) {
	cards, err := c.Cards(ctx)
	if err != nil {
		return 0, 0, err
	}
	for _, card := range cards {
		if len(pan) >= 10 && len(card.PAN) == len(pan) && card.PAN[:6] == pan[:6] && card.PAN[len(pan)-4:] == pan[len(pan)-4:] {
			return card.Balance, card.Held, nil
		}
	}
	return 0, 0, fmt.Errorf("paysandbox admin: no card %s…%s", pan[:min(6, len(pan))], pan[max(0, len(pan)-4):])
}

// do sends one call. Control calls that only read (GET) are resent after a
// lost answer; the others (reset, arm, clock moves) are sent once.
func (c *Client) do(ctx context.Context, method, path string, body []byte, contentType string, out any) error {
	retry := transport.Once
	if method == http.MethodGet {
		retry = transport.Read
	}
	return c.t.Do(ctx, &transport.Call{Method: method, Path: path, Body: body, ContentType: contentType, Retry: retry, Decode: func(a *transport.Answer) error {
		if a.Status >= 300 {
			e := &Error{HTTPStatus: a.Status}
			if json.Unmarshal(a.Body, e) != nil || e.Code == "" {
				e.Code, e.Message = http.StatusText(a.Status), string(a.Body)
			}
			return e
		}
		if out == nil {
			return nil
		}
		return a.JSON(out)
	}})
}
