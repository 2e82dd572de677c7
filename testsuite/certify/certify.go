package certify

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/paysandbox/paysandbox/contracts"
)

// Statuses of a provider.
const (
	Certified = "certified" // every applicable spec ran and passed
	Partial   = "partial"   // some applicable specs were skipped for a missing profile entry
	Failed    = "failed"    // a spec failed
	NotRun    = "not-run"   // not configured, or nothing of it ran
)

// Skip reason prefixes (set by the fixtures package; kept equal by a test).
const (
	ReasonNotConfigured = "not configured: "
	ReasonNotApplicable = "not applicable live: "
	ReasonProfileLacks  = "profile lacks "
)

// Providers in report order; specs without a provider label count as "core".
var Providers = slices.Clone(contracts.Providers) // the one list

// Input is what the report needs besides Ginkgo's report.
type Input struct {
	Kind         string            // inprocess, remote, live
	URL          string            // in-process or remote sandbox
	BaseURLs     map[string]string // live: configured providers' base URLs
	Named        []string          // live: providers the profile names
	Profile      string            // live profile file
	ConfigErr    string            // the target could not be configured
	Version      string
	ContractsDir string
}

// Report is certification.json.
type Report struct {
	Target        string     `json:"target"`
	URL           string     `json:"url,omitempty"`
	Profile       string     `json:"profile,omitempty"`
	Time          time.Time  `json:"time"`
	Version       string     `json:"version"`
	ContractsHash string     `json:"contracts_sha256"`
	Result        string     `json:"result"` // PASS or FAIL
	Reasons       []string   `json:"reasons,omitempty"`
	ConfigError   string     `json:"config_error,omitempty"`
	Totals        Counts     `json:"totals"`
	Providers     []Provider `json:"providers"`
}

// Counts of It specs. Run = passed + failed.
type Counts struct {
	Run     int `json:"run"`
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
}

// Provider is one provider's (or "core"'s) part of the report.
type Provider struct {
	Name    string `json:"name"`
	Status  string `json:"status"`
	BaseURL string `json:"base_url,omitempty"`
	Named   bool   `json:"named_in_profile,omitempty"`
	Counts
	Skips    []Skip    `json:"skips,omitempty"`
	Failures []Failure `json:"failures,omitempty"`
}

// Skip is one skipped spec and why.
type Skip struct {
	Spec   string `json:"spec"`
	Reason string `json:"reason"`
}

// Failure is one failed spec.
type Failure struct {
	Spec      string `json:"spec"`
	Message   string `json:"message"`
	Location  string `json:"location"`
	Exchanges string `json:"exchanges,omitempty"`
}

// ExchangesEntry names the report entry holding a failed spec's masked
// exchanges (fixtures adds it).
const ExchangesEntry = "exchanges (PANs masked, secrets redacted)"

// Build summarises r.
func Build(r types.Report, in Input) *Report {
	out := &Report{Target: in.Kind, URL: in.URL, Profile: in.Profile, Time: r.StartTime.UTC(), Version: in.Version, ConfigError: in.ConfigErr}
	out.ContractsHash = contractsHash(in.ContractsDir)
	by := map[string]*Provider{}
	get := func(name string) *Provider {
		p := by[name]
		if p == nil {
			p = &Provider{Name: name, BaseURL: in.BaseURLs[name], Named: slices.Contains(in.Named, name)}
			by[name] = p
		}
		return p
	}
	for _, name := range Providers {
		get(name)
	}
	for _, s := range r.SpecReports {
		if s.LeafNodeType != types.NodeTypeIt {
			continue
		}
		p := get(ProviderOf(s))
		switch {
		case s.State.Is(types.SpecStatePassed):
			p.Run++
			p.Passed++
		case s.State.Is(types.SpecStateSkipped | types.SpecStatePending):
			p.Skipped++
			p.Skips = append(p.Skips, Skip{Spec: s.FullText(), Reason: skipReason(s, in)})
		default:
			p.Run++
			p.Failed++
			f := Failure{Spec: s.FullText(), Message: s.Failure.Message, Location: s.Failure.Location.String()}
			if s.State.Is(types.SpecStateInterrupted|types.SpecStateAborted|types.SpecStateTimedout) && f.Message == "" {
				f.Message = s.State.String()
			}
			for _, e := range s.ReportEntries {
				if e.Name == ExchangesEntry {
					f.Exchanges = e.StringRepresentation()
				}
			}
			p.Failures = append(p.Failures, f)
		}
	}
	names := append([]string(nil), Providers...)
	for n := range by {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	for _, n := range names {
		p := by[n]
		p.Status = status(p, in)
		out.Totals.Run += p.Run
		out.Totals.Passed += p.Passed
		out.Totals.Failed += p.Failed
		out.Totals.Skipped += p.Skipped
		out.Providers = append(out.Providers, *p)
	}
	out.Reasons = verdict(out, r, in)
	out.Result = "PASS"
	if len(out.Reasons) > 0 {
		out.Result = "FAIL"
	}
	return out
}

// ProviderOf is the provider a spec belongs to (its provider:<name> label),
// or "core" for specs of no provider (the control API).
func ProviderOf(s types.SpecReport) string {
	for _, l := range s.Labels() {
		if p, ok := strings.CutPrefix(l, "provider:"); ok {
			return p
		}
	}
	return "core"
}

// skipReason is the message the spec skipped with or, for a spec the label
// filter left out, what its labels say.
func skipReason(s types.SpecReport, in Input) string {
	if s.Failure.Message != "" {
		return s.Failure.Message
	}
	if s.State.Is(types.SpecStatePending) {
		return "pending"
	}
	labels := s.Labels()
	switch {
	case slices.Contains(labels, "needs-control"):
		return ReasonNotApplicable + "needs the paysandbox control API (label needs-control)"
	case slices.Contains(labels, "needs-magic"):
		return ReasonNotApplicable + "needs the fake's magic values (label needs-magic)"
	}
	return "filtered out by the label filter or focus (labels: " + strings.Join(labels, ", ") + ")"
}

func live(in Input) bool { return in.Kind == "live" }

func status(p *Provider, in Input) string {
	if p.Failed > 0 {
		return Failed
	}
	configured := !live(in) || p.BaseURL != ""
	if p.Name == "core" && live(in) {
		configured = false
	}
	if !configured || p.Run == 0 {
		return NotRun
	}
	for _, s := range p.Skips {
		if strings.HasPrefix(s.Reason, ReasonProfileLacks) {
			return Partial
		}
	}
	return Certified
}

// verdict lists why the run must not exit 0 (none: it may).
func verdict(out *Report, r types.Report, in Input) []string {
	var why []string
	if in.ConfigErr != "" {
		why = append(why, "the target is not configured: "+in.ConfigErr)
	}
	ran := out.Totals.Run
	if live(in) {
		// Specs of unconfigured providers (or of none) may pass without
		// contacting anything: only configured sandboxes count.
		ran = 0
		for _, p := range out.Providers {
			if in.BaseURLs[p.Name] != "" {
				ran += p.Run
			}
		}
	}
	if ran == 0 {
		why = append(why, "nothing ran: no spec contacted a configured target")
	}
	for _, p := range out.Providers {
		if p.Failed > 0 {
			why = append(why, fmt.Sprintf("%s: %d spec(s) failed", p.Name, p.Failed))
		}
		if live(in) && p.Named && p.Status != Certified && p.Failed == 0 {
			why = append(why, fmt.Sprintf("%s: named in the profile but %s", p.Name, p.Status))
		}
	}
	if !r.SuiteSucceeded && len(why) == 0 {
		why = append(why, "the suite failed outside any spec: "+strings.Join(r.SpecialSuiteFailureReasons, "; "))
	}
	return why
}

// Err is nil when the run may exit 0.
func (rep *Report) Err() error {
	if rep.Result == "PASS" {
		return nil
	}
	return errors.New("certification " + rep.Result + ":\n  " + strings.Join(rep.Reasons, "\n  "))
}

// JSON is certification.json.
func (rep *Report) JSON() []byte {
	b, _ := json.MarshalIndent(rep, "", "  ")
	return append(b, '\n')
}

// Markdown is certification.md.
func (rep *Report) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# paysandbox certification report\n\n")
	where := rep.URL
	if rep.Profile != "" {
		where = "profile " + rep.Profile
	}
	fmt.Fprintf(&b, "Target: %s %s  \nRun: %s  \nVersion: %s  \nContracts: sha256 %s  \nResult: **%s**\n\n", rep.Target, where, rep.Time.Format(time.RFC3339), rep.Version, rep.ContractsHash, rep.Result)
	for _, r := range rep.Reasons {
		fmt.Fprintf(&b, "- %s\n", r)
	}
	if len(rep.Reasons) > 0 {
		b.WriteByte('\n')
	}
	fmt.Fprintf(&b, "| provider | status | base URL | run | passed | failed | skipped |\n|---|---|---|---|---|---|---|\n")
	for _, p := range rep.Providers {
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %d | %d |\n", p.Name, p.Status, p.BaseURL, p.Run, p.Passed, p.Failed, p.Skipped)
	}
	c := rep.Totals
	fmt.Fprintf(&b, "| all | | | %d | %d | %d | %d |\n", c.Run, c.Passed, c.Failed, c.Skipped)
	for _, p := range rep.Providers {
		if len(p.Failures) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## Failures: %s\n", p.Name)
		for _, f := range p.Failures {
			fmt.Fprintf(&b, "\n### %s\n\n%s  \nat %s\n", f.Spec, strings.TrimSpace(f.Message), f.Location)
			if f.Exchanges != "" {
				fmt.Fprintf(&b, "\n```\n%s\n```\n", strings.TrimSpace(f.Exchanges))
			}
		}
	}
	for _, p := range rep.Providers {
		if len(p.Skips) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## Skipped: %s (%d)\n\n", p.Name, len(p.Skips))
		for _, s := range p.Skips {
			fmt.Fprintf(&b, "- %s — %s\n", s.Spec, s.Reason)
		}
	}
	return []byte(b.String())
}

// contractsHash is the sha256 of every file under dir, names included, in
// name order: two reports with the same hash checked the same contracts.
func contractsHash(dir string) string {
	if dir == "" {
		return "unknown"
	}
	h := sha256.New()
	var files []string
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		return "unknown"
	}
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "unknown"
		}
		rel, _ := filepath.Rel(dir, f)
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}
