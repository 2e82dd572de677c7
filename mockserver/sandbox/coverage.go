package sandbox

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/coverage"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
)

// countAnswer counts a provider answer for error coverage (issue 16): a
// documented error by how it was produced, or a success. Transport faults
// (fault:reset, ...) and dropped answers are not provider answers.
func countAnswer(ns *core.Namespace, call *httpx.Call, status int) {
	if call.Operation == "" || status == 0 || strings.HasPrefix(call.ErrorCode, "fault:") {
		return
	}
	k := coverage.Key{Provider: call.Provider, Operation: call.Operation, Code: call.ErrorCode}
	if k.Code != "" {
		k.Via = cmp.Or(call.Via, coverage.ViaRequest)
	}
	ns.Coverage.Record(k)
	ns.Lifetime.Record(k)
}

// CoverageReport is GET /__admin/coverage: for each provider, every
// documented error with how often this sandbox answered it, and every
// operation with its successes.
type CoverageReport struct {
	Namespaces []string           `json:"namespaces"`
	Since      string             `json:"since"` // "reset" or "start"
	Providers  []ProviderCoverage `json:"providers"`
}

// ProviderCoverage is one provider's part of a CoverageReport.
type ProviderCoverage struct {
	Provider   string              `json:"provider"`
	Documented int                 `json:"documented"` // catalogue entries
	Met        int                 `json:"met"`        // entries answered at least once
	Errors     []ErrorCoverage     `json:"errors"`     // catalogue order
	Operations []OperationCoverage `json:"operations"` // contract order
}

// ErrorCoverage is one catalogue entry and what the sandbox answered of it.
type ErrorCoverage struct {
	Code       string         `json:"code"`
	Status     int            `json:"status"`
	Title      string         `json:"title,omitempty"`
	Message    string         `json:"message"`
	Class      string         `json:"class,omitempty"`
	Handling   string         `json:"handling,omitempty"`
	Trigger    string         `json:"trigger,omitempty"`
	Count      int            `json:"count"`
	Via        map[string]int `json:"via,omitempty"`        // request, rule, fault
	Operations map[string]int `json:"operations,omitempty"` // where it was answered
}

// OperationCoverage is one documented operation: how often it succeeded
// and how often it answered a documented error.
type OperationCoverage struct {
	Operation string `json:"operation"`
	Successes int    `json:"successes"`
	Errors    int    `json:"errors"`
}

// coverage builds the report over the namespaces named (an exact name, or
// every live namespace starting with prefix when prefix is set).
func (s *Server) coverage(name, prefix string, sinceStart bool) (*CoverageReport, error) {
	total := coverage.New()
	rep := &CoverageReport{Since: "reset", Namespaces: []string{}}
	if sinceStart {
		rep.Since = "start"
	}
	for _, ns := range s.ns.matching(name, prefix) {
		rep.Namespaces = append(rep.Namespaces, ns.Name)
		c := ns.Coverage
		if sinceStart {
			c = ns.Lifetime
		}
		total.Add(c.Counts())
	}
	slices.Sort(rep.Namespaces)
	counts := total.Counts()
	for _, p := range s.providers {
		pc, err := providerCoverage(p.name, counts)
		if err != nil {
			return nil, err
		}
		rep.Providers = append(rep.Providers, pc)
	}
	return rep, nil
}

func providerCoverage(provider string, counts map[coverage.Key]int) (ProviderCoverage, error) {
	c, err := contracts.Load(provider)
	if err != nil {
		return ProviderCoverage{}, fmt.Errorf("coverage: %w", err)
	}
	pc := ProviderCoverage{Provider: provider, Documented: len(c.Catalogue.Entries)}
	byCode := map[string]*ErrorCoverage{}
	for _, e := range c.Catalogue.Entries {
		pc.Errors = append(pc.Errors, ErrorCoverage{Code: e.Code, Status: e.Status, Title: e.Title,
			Message: cmp.Or(e.Messages["en"], e.Messages["ru"]), Class: e.Class, Handling: e.Handling, Trigger: e.Trigger})
	}
	for i := range pc.Errors {
		byCode[pc.Errors[i].Code] = &pc.Errors[i]
	}
	ops := map[string]*OperationCoverage{}
	for _, id := range operationsOf(c) {
		pc.Operations = append(pc.Operations, OperationCoverage{Operation: id})
	}
	for i := range pc.Operations {
		ops[pc.Operations[i].Operation] = &pc.Operations[i]
	}
	for k, n := range counts {
		if k.Provider != provider {
			continue
		}
		op := ops[k.Operation]
		if k.Code == "" {
			if op != nil {
				op.Successes += n
			}
			continue
		}
		if op != nil {
			op.Errors += n
		}
		e := byCode[k.Code]
		if e == nil {
			continue // not documented: the strict checks report such answers
		}
		e.Count += n
		e.Via = addTo(e.Via, k.Via, n)
		e.Operations = addTo(e.Operations, k.Operation, n)
	}
	for _, e := range pc.Errors {
		if e.Count > 0 {
			pc.Met++
		}
	}
	return pc, nil
}

func addTo(m map[string]int, k string, n int) map[string]int {
	if m == nil {
		m = map[string]int{}
	}
	m[k] += n
	return m
}

// operationsOf lists the operations a provider's answers are counted
// under: its contract's operationIds, an operation that serves JSON-RPC
// methods (PaySys's gateway) replaced by its methods.
func operationsOf(c *contracts.Contract) []string {
	var out []string
	for _, op := range c.Operations() {
		if methods := op.Methods(); len(methods) > 0 {
			out = append(out, methods...)
			continue
		}
		out = append(out, op.ID)
	}
	return out
}
