package contractcheck

import (
	"encoding/json"
	"regexp"
	"time"

	"github.com/paysandbox/paysandbox/testsuite/drift"
)

// Exchange is one request and its answer as a report may show it: card
// numbers masked, secrets and tokens redacted, headers left out (they
// carry the credentials).
type Exchange struct {
	Time      time.Time `json:"time"`
	Spec      string    `json:"spec,omitempty"`
	Provider  string    `json:"provider"`
	Operation string    `json:"operation,omitempty"`
	Method    string    `json:"method"`
	Path      string    `json:"path"`
	Status    int       `json:"status"`
	Request   string    `json:"request,omitempty"`
	Response  string    `json:"response,omitempty"`
	Violation string    `json:"violation,omitempty"`
	// The fake's answer to the same request (live runs with a mirror).
	FakeStatus   int    `json:"fake_status,omitempty"`
	FakeResponse string `json:"fake_response,omitempty"`
	// Drift: how the answer differs from the contract and the fake's.
	Drift []drift.Finding `json:"drift,omitempty"`
}

// maxBody bounds each recorded body.
const maxBody = 4 << 10

var (
	panRE    = regexp.MustCompile(`\b(\d{6})\d{3,9}(\d{4})\b`)
	secretRE = regexp.MustCompile(`(?i)"(password|secret_key|secretKey|access_token|refresh_token|token|otp|code|confirmedCode)"(\s*:\s*)"[^"]*"`)
)

// Mask masks card numbers (first 6 + last 4) and redacts secret fields of
// a JSON (or any) body.
func Mask(body []byte) string {
	if len(body) > maxBody {
		body = append(body[:maxBody:maxBody], "…"...)
	}
	s := panRE.ReplaceAllStringFunc(string(body), func(m string) string {
		p := panRE.FindStringSubmatch(m)
		stars := len(m) - 10
		b := make([]byte, stars)
		for i := range b {
			b[i] = '*'
		}
		return p[1] + string(b) + p[2]
	})
	return secretRE.ReplaceAllString(s, `"$1"$2"***"`)
}

// JSON is the exchange as one line of exchanges.jsonl.
func (e Exchange) JSON() []byte {
	b, _ := json.Marshal(e)
	return b
}
