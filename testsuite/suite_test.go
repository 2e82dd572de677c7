// The paysandbox contract suite. One Ginkgo suite that runs unchanged
// against the in-process fake, a running mockserver or live sandboxes
// (PAYSANDBOX_TARGET); see package target and README "Contract suite".
package testsuite_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	"github.com/onsi/ginkgo/v2/reporters"
	"github.com/onsi/ginkgo/v2/types"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
	"github.com/paysandbox/paysandbox/testsuite/target"

	_ "github.com/paysandbox/paysandbox/testsuite/specs/aloqa"
	_ "github.com/paysandbox/paysandbox/testsuite/specs/anorbank"
	_ "github.com/paysandbox/paysandbox/testsuite/specs/control"
	_ "github.com/paysandbox/paysandbox/testsuite/specs/paysys"
	_ "github.com/paysandbox/paysandbox/testsuite/specs/requisites"
)

func TestContracts(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "paysandbox contract suite")
}

type shared struct {
	Target target.Target
	RunID  string
}

var (
	stopSandbox func()
	sandboxLog  string // the in-process sandbox's debug log, scanned for card numbers at the end
)

func reportDir() string {
	if dir := os.Getenv("PAYSANDBOX_REPORT_DIR"); dir != "" {
		return dir
	}
	return filepath.Join("..", "reports")
}

var _ = SynchronizedBeforeSuite(func() []byte {
	t, err := target.FromEnv()
	Expect(err).NotTo(HaveOccurred())
	if t.Kind == target.InProcess {
		Expect(os.MkdirAll(reportDir(), 0o755)).To(Succeed())
		sandboxLog = filepath.Join(reportDir(), "sandbox.log")
		f, err := os.Create(sandboxLog)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(f.Close)
		log := slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug}))
		url, stop, err := target.StartInProcess(log)
		Expect(err).NotTo(HaveOccurred())
		t.URL, stopSandbox = url, stop
	}
	b, _ := json.Marshal(shared{Target: t, RunID: fmt.Sprintf("run%x", time.Now().UnixNano()&0xffffff)})
	return b
}, func(b []byte) {
	var s shared
	Expect(json.Unmarshal(b, &s)).To(Succeed())
	fixtures.Suite.Target, fixtures.Suite.RunID = s.Target, s.RunID
})

var _ = SynchronizedAfterSuite(func() {}, func() {
	if stopSandbox != nil {
		stopSandbox()
	}
	if sandboxLog != "" {
		// Card numbers are masked in every log line: no seeded PAN may
		// appear in the whole run's sandbox log (debug level: every request).
		data, err := os.ReadFile(sandboxLog)
		Expect(err).NotTo(HaveOccurred())
		Expect(len(data)).To(BeNumerically(">", 0), "the sandbox logged nothing; is debug logging on?")
		sc, err := sandbox.DefaultScenario()
		Expect(err).NotTo(HaveOccurred())
		for _, c := range sc.Cards {
			Expect(string(data)).NotTo(ContainSubstring(c.PAN), "a full card number reached the log")
		}
	}
})

// Live sandboxes have no control API.
var _ = BeforeEach(func() {
	if fixtures.Suite.Target.IsLive() && slices.Contains(CurrentSpecReport().Labels(), "needs-control") {
		Skip("needs the paysandbox control API; not available on a live sandbox")
	}
})

var _ = ReportAfterSuite("reports", func(r Report) {
	dir := reportDir()
	Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
	Expect(reporters.GenerateJUnitReport(r, filepath.Join(dir, "junit.xml"))).To(Succeed())
	Expect(os.WriteFile(filepath.Join(dir, "certification.md"), certification(r), 0o644)).To(Succeed())
})

// certification summarises the run per provider label: what a team shows
// when it certifies its integration against a target.
func certification(r Report) []byte {
	type tally struct{ passed, failed, skipped int }
	byProvider := map[string]*tally{}
	var failures []string
	for _, s := range r.SpecReports {
		if s.LeafNodeType != types.NodeTypeIt {
			continue
		}
		p := "core"
		for _, l := range s.Labels() {
			if len(l) > 9 && l[:9] == "provider:" {
				p = l[9:]
			}
		}
		t := byProvider[p]
		if t == nil {
			t = &tally{}
			byProvider[p] = t
		}
		switch {
		case s.State.Is(types.SpecStatePassed):
			t.passed++
		case s.State.Is(types.SpecStateSkipped | types.SpecStatePending):
			t.skipped++
		default:
			t.failed++
			failures = append(failures, fmt.Sprintf("- [%s] %s: %s", p, s.FullText(), s.Failure.Message))
		}
	}
	t := fixtures.Suite.Target
	where := t.URL
	if t.IsLive() {
		var urls []string
		for _, p := range []string{"anorbank", "aloqa", "paysys", "requisites"} {
			if lp, ok := t.Providers[p]; ok {
				urls = append(urls, p+" "+lp.URL)
			}
		}
		where = strings.Join(urls, ", ")
	}
	out := fmt.Sprintf("# paysandbox certification report\n\nTarget: %s %s  \nRun: %s  \nResult: %s\n\n| provider | passed | failed | skipped |\n|---|---|---|---|\n",
		t.Kind, where, r.StartTime.UTC().Format(time.RFC3339), map[bool]string{true: "PASS", false: "FAIL"}[r.SuiteSucceeded])
	names := make([]string, 0, len(byProvider))
	for p := range byProvider {
		names = append(names, p)
	}
	slices.Sort(names)
	for _, p := range names {
		t := byProvider[p]
		out += fmt.Sprintf("| %s | %d | %d | %d |\n", p, t.passed, t.failed, t.skipped)
	}
	if len(failures) > 0 {
		out += "\n## Failures\n\n"
		for _, f := range failures {
			out += f + "\n"
		}
	}
	return []byte(out)
}
