// Package contractcheck is an http.RoundTripper that checks every response
// a client receives against the provider's contract. Against the fake it
// double-checks -strict; against a live sandbox it is how the suite
// certifies the real provider matches contracts/.
package contractcheck

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/drift"
)

// Checker records contract violations seen by its transport.
type Checker struct {
	contract *contracts.Contract
	provider string
	base     http.RoundTripper
	mu       sync.Mutex
	found    []string
	// Record, when set (live runs), receives every exchange (masked) with
	// its drift from the contract and, when Mirror is set, from the fake.
	// An answer whose only fault is extra fields is then drift, not a
	// violation: a real provider may add fields, the fake may not.
	Record func(Exchange)
	// Mirror, when set, sends the same request to the fake and returns its
	// answer (ok false: not replayed).
	Mirror func(req *http.Request, reqBody []byte, liveStatus int, liveBody []byte) (status int, body []byte, ok bool)
}

// New checks responses of provider; base is the transport underneath (nil = default).
func New(provider string, base http.RoundTripper) (*Checker, error) {
	c, err := contracts.Load(provider)
	if err != nil {
		return nil, err
	}
	if base == nil {
		base = http.DefaultTransport
	}
	return &Checker{contract: c, provider: provider, base: base}, nil
}

// Client returns an HTTP client using the checker.
func (c *Checker) Client() *http.Client { return &http.Client{Transport: c} }

// Violations returns what was found so far.
func (c *Checker) Violations() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.found...)
}

// RoundTrip implements http.RoundTripper.
func (c *Checker) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil // the client will see the short read itself
	}
	ex := Exchange{Time: time.Now().UTC(), Provider: c.provider, Method: req.Method, Path: req.URL.Path, Status: resp.StatusCode}
	defer func() {
		if c.Record != nil {
			ex.Request, ex.Response = Mask(reqBody), Mask(body)
			c.Record(ex)
		}
	}()
	op, params, ok := c.match(req)
	if !ok {
		return resp, nil // unknown paths are the spec's business (a 404 test)
	}
	ex.Operation = op.ID
	probe := req.Clone(req.Context())
	probe.Body = io.NopCloser(bytes.NewReader(reqBody))
	verr := op.ValidateResponse(probe, params, resp.StatusCode, resp.Header, body)
	if c.Record != nil {
		ex.Drift = drift.VsContract(c.contract, op, resp.StatusCode, body)
		if verr != nil && drift.OnlyExtras(ex.Drift) {
			again := req.Clone(req.Context())
			again.Body = io.NopCloser(bytes.NewReader(reqBody))
			if op.ValidateResponse(again, params, resp.StatusCode, resp.Header, drift.WithoutExtras(body, ex.Drift)) == nil {
				verr = nil
			}
		}
		if c.Mirror != nil {
			if status, fake, ok := c.Mirror(req, reqBody, resp.StatusCode, body); ok {
				ex.FakeStatus, ex.FakeResponse = status, Mask(fake)
				ex.Drift = append(ex.Drift, drift.VsFake(resp.StatusCode, body, status, fake)...)
			}
		}
	}
	if verr != nil {
		ex.Violation = verr.Error()
		c.mu.Lock()
		c.found = append(c.found, fmt.Sprintf("%s %s → %d: %v", req.Method, req.URL.Path, resp.StatusCode, verr))
		c.mu.Unlock()
	}
	return resp, nil
}

// match finds the operation whose path is a suffix of the request path
// (whatever prefix the base URL has: /anorbank, /ns/x/anorbank, a live host's).
func (c *Checker) match(req *http.Request) (*contracts.Operation, map[string]string, bool) {
	got := strings.Split(strings.Trim(req.URL.Path, "/"), "/")
	var best *contracts.Operation
	var bestParams map[string]string
	for _, op := range c.contract.Operations() {
		if op.Method != req.Method {
			continue
		}
		want := strings.Split(strings.Trim(op.Path, "/"), "/")
		if len(want) > len(got) {
			continue
		}
		tail := got[len(got)-len(want):]
		params := map[string]string{}
		ok := true
		for i, seg := range want {
			if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
				params[seg[1:len(seg)-1]] = tail[i]
				continue
			}
			if seg != tail[i] {
				ok = false
				break
			}
		}
		if ok && (best == nil || len(want) > len(strings.Split(strings.Trim(best.Path, "/"), "/"))) {
			best, bestParams = op, params
		}
	}
	return best, bestParams, best != nil
}
