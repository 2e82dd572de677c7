// The paysandbox contract suite. One Ginkgo suite that runs unchanged
// against the in-process fake, a running mockserver or live sandboxes
// (PAYSANDBOX_TARGET); see package target and README "Contract suite".
package testsuite_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
	"github.com/paysandbox/paysandbox/testsuite/certify"
	"github.com/paysandbox/paysandbox/testsuite/drift"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
	"github.com/paysandbox/paysandbox/testsuite/junit"
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

// configured is process 1's target as FromEnv gave it, with the error that
// stopped the run, for the certification report.
var (
	configured target.Target
	configErr  error
)

var _ = SynchronizedBeforeSuite(func() []byte {
	go suiteVersion() // git describe takes up to a second on a busy machine: not at the end
	t, err := target.FromEnv()
	configured, configErr = t, err
	Expect(err).NotTo(HaveOccurred(), "the suite's target (PAYSANDBOX_TARGET, PAYSANDBOX_PROFILE, PAYSANDBOX_LIVE_*)")
	if t.Kind == target.Live {
		// Each run's exchanges only; every process appends to the file.
		Expect(os.MkdirAll(reportDir(), 0o755)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(reportDir(), "exchanges.jsonl"), nil, 0o644)).To(Succeed())
	}
	if t.Kind == target.Remote {
		Expect(target.CheckAdmin(t.URL, fixtures.AdminToken())).To(Succeed())
	}
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
	if s.Target.IsLive() {
		// Secrets do not travel between processes: each resolves the profile.
		t, err := target.FromEnv()
		Expect(err).NotTo(HaveOccurred())
		s.Target = t
		Expect(os.MkdirAll(reportDir(), 0o755)).To(Succeed())
		f, err := os.OpenFile(filepath.Join(reportDir(), "exchanges.jsonl"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(f.Close)
		fixtures.Suite.Exchanges = f
	}
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

// Live sandboxes have no control API and none of the fake's magic values.
var _ = BeforeEach(func() {
	if !fixtures.Suite.Target.IsLive() {
		return
	}
	labels := CurrentSpecReport().Labels()
	if slices.Contains(labels, "needs-control") {
		Skip(fixtures.SkipNotApplicable + "needs the paysandbox control API (label needs-control)")
	}
	if slices.Contains(labels, "needs-magic") {
		Skip(fixtures.SkipNotApplicable + "needs the fake's magic values (label needs-magic)")
	}
})

var _ = ReportAfterSuite("reports", func(r Report) {
	dir := reportDir()
	Expect(os.MkdirAll(dir, 0o755)).To(Succeed())
	// One classname per provider and spec group, so CI tools group them;
	// checked on the file written, every run.
	junitPath := filepath.Join(dir, "junit.xml")
	Expect(junit.Write(r, junitPath)).To(Succeed())
	Expect(junit.Check(junitPath)).To(Succeed())
	t := fixtures.Suite.Target
	if t.Kind == "" {
		t = configured // the run stopped before the target was shared
	}
	in := certify.Input{Kind: t.Kind, URL: t.URL, Profile: t.Profile, Named: t.Named, BaseURLs: map[string]string{},
		Version: suiteVersion(), ContractsDir: contractsDir()}
	if t.Kind == "" {
		in.Kind = os.Getenv("PAYSANDBOX_TARGET")
	}
	for name, p := range t.Providers {
		in.BaseURLs[name] = p.BaseURL
	}
	if configErr != nil {
		in.ConfigErr = configErr.Error()
	}
	rep := certify.Build(r, in)
	Expect(os.WriteFile(filepath.Join(dir, "certification.md"), rep.Markdown(), 0o644)).To(Succeed())
	Expect(os.WriteFile(filepath.Join(dir, "certification.json"), rep.JSON(), 0o644)).To(Succeed())
	// A run stopped by its configuration truncated no exchanges.jsonl:
	// no drift report, and none left from an earlier run.
	_ = os.Remove(filepath.Join(dir, "drift.md"))
	_ = os.Remove(filepath.Join(dir, "drift.json"))
	if t.IsLive() && configErr == nil {
		writeDrift(dir, r.StartTime)
	}
	for _, p := range rep.Providers {
		if p.Name != "core" || !t.IsLive() {
			GinkgoWriter.Printf("certification: %-10s %-9s run %d, passed %d, failed %d, skipped %d\n", p.Name, p.Status, p.Run, p.Passed, p.Failed, p.Skipped)
		}
	}
	if err := rep.Err(); err != nil {
		Fail(err.Error() + "\n(see " + filepath.Join(dir, "certification.md") + ")")
	}
})

// writeDrift folds the run's exchanges.jsonl into drift.md and drift.json.
func writeDrift(dir string, at time.Time) {
	f, err := os.Open(filepath.Join(dir, "exchanges.jsonl"))
	Expect(err).NotTo(HaveOccurred())
	defer f.Close()
	xs, err := drift.Read(f)
	Expect(err).NotTo(HaveOccurred())
	rep := drift.Build(xs, certify.Providers, at)
	Expect(os.WriteFile(filepath.Join(dir, "drift.md"), rep.Markdown(), 0o644)).To(Succeed())
	Expect(os.WriteFile(filepath.Join(dir, "drift.json"), rep.JSON(), 0o644)).To(Succeed())
	GinkgoWriter.Printf("drift: %d live answers in %d operations (%d replayed against the fake): %d against the contract, %d against the fake (%s)\n",
		rep.Exchanges, len(rep.Operations), rep.Replayed, rep.Contract, rep.Fake, filepath.Join(dir, "drift.md"))
}

// suiteVersion is version, worked out once: process 1 starts it before the
// specs run and the report reads it after.
var suiteVersion = sync.OnceValue(version)

// version is the paysandbox version the report names: PAYSANDBOX_VERSION
// (the Makefile sets it from git), else git describe, else unknown.
func version() string {
	if v := os.Getenv("PAYSANDBOX_VERSION"); v != "" {
		return v
	}
	if out, err := exec.Command("git", "-C", contractsDir(), "describe", "--always", "--dirty").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return "unknown"
}

// contractsDir is the repository's contracts/, found from this file.
func contractsDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return filepath.Join("..", "contracts")
	}
	return filepath.Join(filepath.Dir(file), "..", "contracts")
}
