package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// errBelowMinimum makes `mockserver coverage` exit 3 (not 1: the report
// was written; the gate failed).
var errBelowMinimum = errors.New("coverage below the minimum")

// runCoverage is `mockserver coverage`: it fetches GET /__admin/coverage
// from a running sandbox and writes the report a CI job keeps (issue 16).
func runCoverage(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mockserver coverage", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("url", "http://127.0.0.1:8080", "the running sandbox")
	prefix := fs.String("ns-prefix", "", "aggregate every namespace starting with this (default: the default namespace)")
	ns := fs.String("ns", "", "one namespace (default: default)")
	since := fs.String("since", "reset", "reset: since each namespace's last reset; start: since it was created")
	out := fs.String("o", "", "write the report here (.md), and the same as JSON beside it (.json); default: stdout")
	minimum := fs.String("min", "", "exit 3 when fewer than this share of the errors a client must handle were met, e.g. 80%")
	token := fs.String("admin-token", env("PAYSANDBOX_ADMIN_TOKEN", ""), "the sandbox's admin token, if it has one (PAYSANDBOX_ADMIN_TOKEN)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	want, err := parsePercent(*minimum)
	if err != nil {
		return err
	}
	rep, err := fetchCoverage(*base, *ns, *prefix, *since, *token)
	if err != nil {
		return err
	}
	summary := summarize(rep)
	md := renderCoverage(rep, summary)
	if *out == "" {
		fmt.Fprint(stdout, md)
	} else if err := writeReports(*out, md, rep); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "coverage: %d of %d errors a client must handle met (%.1f%%) over %d namespace(s)\n",
		summary.met, summary.mustHandle, summary.percent(), len(rep.Namespaces))
	if *minimum != "" && summary.percent() < want {
		return fmt.Errorf("%w: %.1f%% met, -min %s", errBelowMinimum, summary.percent(), *minimum)
	}
	return nil
}

func parsePercent(s string) (float64, error) {
	if s == "" {
		return 0, nil
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "%"), 64)
	if err != nil || v < 0 || v > 100 {
		return 0, fmt.Errorf("-min: want a share such as 80%%, got %q", s)
	}
	return v, nil
}

func fetchCoverage(base, ns, prefix, since, token string) (*sandbox.CoverageReport, error) {
	u := strings.TrimSuffix(base, "/")
	if ns != "" {
		u += "/ns/" + url.PathEscape(ns)
	}
	q := url.Values{"since": {since}}
	if prefix != "" {
		q.Set("ns_prefix", prefix)
	}
	req, err := http.NewRequest(http.MethodGet, u+"/__admin/coverage?"+q.Encode(), nil)
	if err != nil {
		return nil, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		return nil, fmt.Errorf("is the sandbox running at %s? %w", base, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: HTTP %d: %s", req.URL.Path, resp.StatusCode, strings.TrimSpace(string(body)))
	}
	var rep sandbox.CoverageReport
	if err := json.Unmarshal(body, &rep); err != nil {
		return nil, fmt.Errorf("GET %s: not a coverage report: %w", req.URL.Path, err)
	}
	return &rep, nil
}

func writeReports(path string, md string, rep *sandbox.CoverageReport) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(md), 0o644); err != nil {
		return err
	}
	js, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(strings.TrimSuffix(path, filepath.Ext(path))+".json", append(js, '\n'), 0o644)
}
