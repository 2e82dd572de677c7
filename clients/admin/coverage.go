package admin

import (
	"context"
	"net/http"
	"net/url"
)

// Coverage is GET /__admin/coverage: per provider, every documented error
// with how often the sandbox answered it, and every operation's successes.
type Coverage struct {
	Namespaces []string           `json:"namespaces"`
	Since      string             `json:"since"`
	Providers  []ProviderCoverage `json:"providers"`
}

// ProviderCoverage is one provider's part of Coverage.
type ProviderCoverage struct {
	Provider   string              `json:"provider"`
	Documented int                 `json:"documented"`
	Met        int                 `json:"met"`
	Errors     []ErrorCoverage     `json:"errors"`
	Operations []OperationCoverage `json:"operations"`
}

// ErrorCoverage is one documented error and what the sandbox answered of it.
type ErrorCoverage struct {
	Code       string         `json:"code"`
	Status     int            `json:"status"`
	Title      string         `json:"title"`
	Message    string         `json:"message"`
	Class      string         `json:"class"`
	Handling   string         `json:"handling"` // query-status, retry, ask-user, give-up, fix-request
	Trigger    string         `json:"trigger"`
	Count      int            `json:"count"`
	Via        map[string]int `json:"via"`        // request, rule, fault
	Operations map[string]int `json:"operations"` // where it was answered
}

// OperationCoverage is one operation's successes and documented errors.
type OperationCoverage struct {
	Operation string `json:"operation"`
	Successes int    `json:"successes"`
	Errors    int    `json:"errors"`
}

// CoverageQuery selects what Coverage counts: by default the client's
// namespace since its last reset.
type CoverageQuery struct {
	// Prefix aggregates every live namespace whose name starts with it.
	Prefix string
	// SinceStart counts from each namespace's creation, across resets.
	SinceStart bool
}

// Coverage reports which documented errors the sandbox answered.
func (c *Client) Coverage(ctx context.Context, q CoverageQuery) (*Coverage, error) {
	v := url.Values{}
	if q.Prefix != "" {
		v.Set("ns_prefix", q.Prefix)
	}
	if q.SinceStart {
		v.Set("since", "start")
	}
	path := "/__admin/coverage"
	if len(v) > 0 {
		path += "?" + v.Encode()
	}
	var r Coverage
	if err := c.do(ctx, http.MethodGet, path, nil, "", &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Error returns the entry for provider and code, if the report has it.
func (cv *Coverage) Error(provider, code string) (ErrorCoverage, bool) {
	for _, p := range cv.Providers {
		if p.Provider != provider {
			continue
		}
		for _, e := range p.Errors {
			if e.Code == code {
				return e, true
			}
		}
	}
	return ErrorCoverage{}, false
}
