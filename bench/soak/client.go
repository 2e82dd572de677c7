package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// newClient is a keep-alive HTTP client holding up to conns connections:
// what a real client (a CI job's SDK) uses, so the connections it opened
// before an attack keep serving it during the attack.
func newClient(conns int, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     5 * time.Minute,
			DisableCompression:  true,
		},
	}
}

// answer is one HTTP exchange's outcome.
type answer struct {
	status int
	why    string // X-Paysandbox-Why
	body   []byte
	took   time.Duration
}

// do sends one request and reads the whole answer.
func do(ctx context.Context, c *http.Client, method, url string, headers map[string]string, body []byte) (answer, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return answer{}, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	t0 := time.Now()
	resp, err := c.Do(req)
	if err != nil {
		return answer{took: time.Since(t0)}, err
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return answer{status: resp.StatusCode, why: resp.Header.Get("X-Paysandbox-Why"), body: data, took: time.Since(t0)}, err
}

// decodeInto unmarshals an answer's body, reporting a readable problem.
func decodeInto(a answer, out any) string {
	if err := json.Unmarshal(a.body, out); err != nil {
		return fmt.Sprintf("HTTP %d, body not JSON: %.120s", a.status, a.body)
	}
	return ""
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

// jsonEnvelope reports whether a body is a JSON object (every provider's
// and the control API's errors are; a Go error string or HTML is not).
func jsonEnvelope(body []byte) bool {
	var v map[string]any
	return json.Unmarshal(body, &v) == nil
}
