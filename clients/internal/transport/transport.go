package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"time"
)

// Attempts is how many times a call may be sent in all.
const Attempts = 3

// Retry says when a call may be sent again.
type Retry int

const (
	// Once: never resent once it may have reached the server (pay, hold,
	// P2P, confirm, cancel, anything sending an SMS).
	Once Retry = iota
	// Read: a read or a status check, resent after any failure to get an answer.
	Read
)

// Client sends calls to one base URL. Set the fields before the first call.
type Client struct {
	Name    string       // error prefix, e.g. "anorbank"
	Base    string       // no trailing slash
	HTTP    *http.Client // the suite's contract checker plugs in here
	Header  http.Header  // sent with every call (e.g. lang, app-name)
	Limit   int64        // the largest answer read, in bytes
	Backoff time.Duration
	// Auth, when set, authenticates each attempt (a PaySys signature carries
	// a fresh timestamp); an error stops the call before anything is sent.
	Auth func(*http.Request) error
}

// New returns a Client with the defaults every client uses.
func New(name, baseURL string) *Client {
	return &Client{
		Name: name, Base: strings.TrimRight(baseURL, "/"),
		HTTP:  &http.Client{Timeout: 60 * time.Second},
		Limit: 16 << 20, Backoff: 50 * time.Millisecond,
	}
}

// Call is one logical call, sent up to Attempts times as Retry allows.
type Call struct {
	Method string
	Path   string // appended to Base, query included
	In     any    // marshalled as the JSON body; nil sends no body
	// Body is sent as is instead of In, with ContentType (e.g. a YAML scenario).
	Body        []byte
	ContentType string
	Header      http.Header
	Retry       Retry
	// Decode turns the answer into the result or the provider's error. It
	// returns Unreadable for an answer it cannot read, so a Read is retried.
	Decode func(*Answer) error
}

// Answer is an HTTP answer read in full.
type Answer struct {
	Status    int
	Header    http.Header
	Body      []byte
	RequestID string // X-Request-Id
}

// Unreadable marks an answer the decoder could not read: no usable answer.
func (a *Answer) Unreadable(err error) error {
	return &NoAnswerError{Sent: true, Status: a.Status, Err: err}
}

// JSON decodes the body into out; a body that does not decode is Unreadable.
func (a *Answer) JSON(out any) error {
	if err := json.Unmarshal(a.Body, out); err != nil {
		return a.Unreadable(err)
	}
	return nil
}

// NoAnswerError is a call that got no usable answer: no connection, a
// dropped or timed-out exchange, a cut, empty or malformed body.
type NoAnswerError struct {
	Name, Method, Path string
	// Sent is false only when no connection was ever obtained: the server
	// cannot have seen the call. When true, the call may have been applied.
	Sent   bool
	Status int // the HTTP status of an unreadable answer, 0 when none came
	Err    error
}

func (e *NoAnswerError) Error() string {
	if e.Status != 0 {
		return fmt.Sprintf("%s: %s %s: unreadable answer (HTTP %d): %v", e.Name, e.Method, e.Path, e.Status, e.Err)
	}
	return fmt.Sprintf("%s: %s %s: no answer: %v", e.Name, e.Method, e.Path, e.Err)
}

func (e *NoAnswerError) Unwrap() error { return e.Err }

// Retryable is the one retry rule: only a call without a usable answer is
// resent, a Read always, a Once call only if it was never sent.
func Retryable(r Retry, err error) bool {
	var na *NoAnswerError
	if !errors.As(err, &na) {
		return false
	}
	return r == Read || !na.Sent
}

// Do sends call and decodes its answer, retrying as call.Retry allows.
func (c *Client) Do(ctx context.Context, call *Call) error {
	body, ctype := call.Body, call.ContentType
	if call.In != nil {
		b, err := json.Marshal(call.In)
		if err != nil {
			return fmt.Errorf("%s: %s %s: %w", c.Name, call.Method, call.Path, err)
		}
		body, ctype = b, "application/json"
	}
	var err error
	for attempt := 1; ; attempt++ {
		err = c.once(ctx, call, body, ctype)
		if attempt == Attempts || !Retryable(call.Retry, err) || !c.pause(ctx, attempt) {
			return err
		}
	}
}

// pause waits before attempt+1; false when ctx ended first.
func (c *Client) pause(ctx context.Context, attempt int) bool {
	t := time.NewTimer(c.Backoff << (attempt - 1))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (c *Client) once(ctx context.Context, call *Call, body []byte, ctype string) error {
	var sent atomic.Bool
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { sent.Store(true) }})
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, call.Method, c.Base+call.Path, rd)
	if err != nil {
		return fmt.Errorf("%s: %w", c.Name, err)
	}
	c.header(req, call, ctype)
	if c.Auth != nil {
		if err := c.Auth(req); err != nil {
			return fmt.Errorf("%s: %w", c.Name, err)
		}
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return c.noAnswer(call, &NoAnswerError{Sent: sent.Load(), Err: err})
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.Limit))
	if err != nil {
		return c.noAnswer(call, &NoAnswerError{Sent: true, Err: err})
	}
	if call.Decode == nil {
		return nil
	}
	err = call.Decode(&Answer{Status: resp.StatusCode, Header: resp.Header, Body: data, RequestID: resp.Header.Get("X-Request-Id")})
	var na *NoAnswerError
	if errors.As(err, &na) {
		c.noAnswer(call, na)
	}
	return err
}

func (c *Client) header(req *http.Request, call *Call, ctype string) {
	req.Header.Set("Accept", "application/json")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for _, h := range []http.Header{c.Header, call.Header} {
		for k, v := range h {
			req.Header[http.CanonicalHeaderKey(k)] = v
		}
	}
}

// noAnswer names the call in e.
func (c *Client) noAnswer(call *Call, e *NoAnswerError) *NoAnswerError {
	e.Name, e.Method, e.Path = c.Name, call.Method, call.Path
	return e
}
