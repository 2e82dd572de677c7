package certify_test

import (
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/types"

	"github.com/paysandbox/paysandbox/testsuite/certify"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

func spec(provider string, state types.SpecState, msg string, labels ...string) types.SpecReport {
	return types.SpecReport{
		LeafNodeType:   types.NodeTypeIt,
		LeafNodeText:   provider + " " + msg,
		LeafNodeLabels: append([]string{"provider:" + provider}, labels...),
		State:          state,
		Failure:        types.Failure{Message: msg},
	}
}

var (
	passed = func(p string) types.SpecReport { return spec(p, types.SpecStatePassed, "") }
	failed = func(p string) types.SpecReport { return spec(p, types.SpecStateFailed, "boom") }
	lacks  = func(p string) types.SpecReport {
		return spec(p, types.SpecStateSkipped, certify.ReasonProfileLacks+"providers."+p+".cards")
	}
	notLive = func(p string) types.SpecReport {
		return spec(p, types.SpecStateSkipped, certify.ReasonNotApplicable+"magic")
	}
	filtered  = func(p string) types.SpecReport { return spec(p, types.SpecStateSkipped, "", "needs-control") }
	allLive   = map[string]string{"anorbank": "http://127.0.0.1:1/anorbank", "aloqa": "http://127.0.0.1:1/aloqa", "paysys": "http://127.0.0.1:1/paysys", "requisites": "http://127.0.0.1:1/requisites"}
	allNamed  = []string{"anorbank", "aloqa", "paysys", "requisites"}
	everyPass = []types.SpecReport{passed("anorbank"), passed("aloqa"), passed("paysys"), passed("requisites"), filtered("anorbank"), notLive("paysys")}
)

func TestBuild(t *testing.T) {
	tests := []struct {
		name       string
		in         certify.Input
		specs      []types.SpecReport
		suiteOK    bool
		wantStatus map[string]string
		wantResult string
		wantReason string
	}{
		{"every configured provider certified", certify.Input{Kind: "live", BaseURLs: allLive, Named: allNamed}, everyPass, true,
			map[string]string{"anorbank": "certified", "aloqa": "certified", "paysys": "certified", "requisites": "certified"}, "PASS", ""},
		{"a failed spec fails its provider", certify.Input{Kind: "live", BaseURLs: allLive, Named: allNamed}, append(everyPass, failed("aloqa")), false,
			map[string]string{"aloqa": "failed", "anorbank": "certified"}, "FAIL", "aloqa: 1 spec(s) failed"},
		{"a skip for a missing profile entry makes a named provider partial and the run fail", certify.Input{Kind: "live", BaseURLs: allLive, Named: allNamed}, append(everyPass, lacks("paysys")), true,
			map[string]string{"paysys": "partial"}, "FAIL", "paysys: named in the profile but partial"},
		{"a skip that does not apply live keeps certified", certify.Input{Kind: "live", BaseURLs: allLive, Named: allNamed}, append(everyPass, notLive("anorbank")), true,
			map[string]string{"anorbank": "certified"}, "PASS", ""},
		{"an unconfigured provider is not-run", certify.Input{Kind: "live", BaseURLs: map[string]string{"paysys": "http://127.0.0.1:1/paysys"}, Named: []string{"paysys"}},
			[]types.SpecReport{passed("paysys"), spec("aloqa", types.SpecStateSkipped, certify.ReasonNotConfigured+"aloqa")}, true,
			map[string]string{"paysys": "certified", "aloqa": "not-run", "anorbank": "not-run"}, "PASS", ""},
		{"a spec that contacts no target does not certify an unconfigured provider", certify.Input{Kind: "live", BaseURLs: map[string]string{"paysys": "http://127.0.0.1:1/paysys"}, Named: []string{"paysys"}},
			[]types.SpecReport{passed("paysys"), passed("aloqa")}, true,
			map[string]string{"paysys": "certified", "aloqa": "not-run"}, "PASS", ""},
		{"a named provider of which nothing ran", certify.Input{Kind: "live", BaseURLs: allLive, Named: allNamed}, everyPass[:3], true,
			map[string]string{"requisites": "not-run"}, "FAIL", "requisites: named in the profile but not-run"},
		{"nothing ran", certify.Input{Kind: "live", BaseURLs: allLive, Named: allNamed}, []types.SpecReport{filtered("anorbank")}, true,
			map[string]string{"anorbank": "not-run"}, "FAIL", "nothing ran"},
		{"specs that contact nothing pass, no sandbox configured", certify.Input{Kind: "live"}, []types.SpecReport{passed("paysys"), passed("aloqa")}, true,
			map[string]string{"paysys": "not-run", "aloqa": "not-run"}, "FAIL", "nothing ran"},
		{"no configuration", certify.Input{Kind: "live", ConfigErr: "nothing to certify"}, nil, false,
			map[string]string{"anorbank": "not-run", "aloqa": "not-run", "paysys": "not-run", "requisites": "not-run"}, "FAIL", "the target is not configured: nothing to certify"},
		{"in process, everything runs", certify.Input{Kind: "inprocess", URL: "http://127.0.0.1:1"}, everyPass, true,
			map[string]string{"anorbank": "certified", "paysys": "certified"}, "PASS", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := certify.Build(types.Report{SpecReports: tc.specs, SuiteSucceeded: tc.suiteOK}, tc.in)
			got := map[string]string{}
			var sum certify.Counts
			for _, p := range rep.Providers {
				got[p.Name] = p.Status
				sum.Run += p.Run
				sum.Passed += p.Passed
				sum.Failed += p.Failed
				sum.Skipped += p.Skipped
				if len(p.Skips) != p.Skipped {
					t.Errorf("%s: %d skipped, %d listed", p.Name, p.Skipped, len(p.Skips))
				}
				for _, s := range p.Skips {
					if s.Reason == "" {
						t.Errorf("%s: skip without a reason", p.Name)
					}
				}
			}
			for p, want := range tc.wantStatus {
				if got[p] != want {
					t.Errorf("%s = %s, want %s", p, got[p], want)
				}
			}
			if rep.Result != tc.wantResult {
				t.Errorf("result = %s, want %s (reasons %q)", rep.Result, tc.wantResult, rep.Reasons)
			}
			if (rep.Err() == nil) != (tc.wantResult == "PASS") {
				t.Errorf("Err() = %v with result %s", rep.Err(), rep.Result)
			}
			if tc.wantReason != "" && !strings.Contains(strings.Join(rep.Reasons, "\n"), tc.wantReason) {
				t.Errorf("reasons %q, want one containing %q", rep.Reasons, tc.wantReason)
			}
			if want := len(tc.specs); sum.Run+sum.Skipped != want || rep.Totals != sum {
				t.Errorf("counts %+v (totals %+v), want %d specs", sum, rep.Totals, want)
			}
			md := string(rep.Markdown())
			if !strings.Contains(md, "Result: **"+tc.wantResult+"**") {
				t.Errorf("markdown lacks the result:\n%s", md)
			}
		})
	}
}

func TestFilteredSpecsGetTheirLabelsReason(t *testing.T) {
	rep := certify.Build(types.Report{SpecReports: []types.SpecReport{filtered("aloqa"), passed("aloqa")}}, certify.Input{Kind: "live", BaseURLs: allLive})
	for _, p := range rep.Providers {
		if p.Name == "aloqa" {
			if got, want := p.Skips[0].Reason, certify.ReasonNotApplicable+"needs the paysandbox control API (label needs-control)"; got != want {
				t.Errorf("reason = %q, want %q", got, want)
			}
		}
	}
}

func TestReasonPrefixesMatchFixtures(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{fixtures.SkipNotConfigured, certify.ReasonNotConfigured},
		{fixtures.SkipNotApplicable, certify.ReasonNotApplicable},
		{fixtures.SkipProfileLacks, certify.ReasonProfileLacks},
	} {
		if tc.got != tc.want {
			t.Errorf("fixtures %q != certify %q", tc.got, tc.want)
		}
	}
}
