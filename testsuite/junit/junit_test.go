package junit

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/onsi/ginkgo/v2/reporters"
	"github.com/onsi/ginkgo/v2/types"
)

func it(provider string, containers ...string) types.SpecReport {
	s := types.SpecReport{LeafNodeType: types.NodeTypeIt, LeafNodeText: "does a thing",
		ContainerHierarchyTexts: containers, State: types.SpecStatePassed,
		LeafNodeLocation: types.CodeLocation{FileName: "/repo/testsuite/specs/x/holds.go", LineNumber: 7}}
	if provider != "" {
		s.ContainerHierarchyLabels = [][]string{{"provider:" + provider}}
	}
	return s
}

func TestClassname(t *testing.T) {
	noContainer := it("anorbank")
	noContainer.LeafNodeLocation.FileName = "/repo/testsuite/specs/anorbank/ledger_edges.go"
	labelOnTheIt := it("", "Anor Bank agent tokens")
	labelOnTheIt.LeafNodeLabels = []string{"live-verified", "provider:anorbank"}
	for _, tc := range []struct {
		name string
		spec types.SpecReport
		want string
	}{
		{"provider name of two words", it("anorbank", "Anor Bank holds"), "anorbank.holds"},
		{"provider name longer than the label", it("aloqa", "AloqaGateway: what real clients see (issue 11)"), "aloqa.what-real-clients-see-issue-11"},
		{"one-word provider name", it("paysys", "PaySys payouts to e-wallets"), "paysys.payouts-to-e-wallets"},
		{"nested containers: the top-level one", it("requisites", "Requisites statement", "with paging"), "requisites.statement"},
		{"a top container of only the provider's name", it("paysys", "PaySys", "JSON-RPC frames"), "paysys.json-rpc-frames"},
		{"a name that only starts like the provider", it("anorbank", "Anorak cards"), "anorbank.anorak-cards"},
		{"the provider named later", it("paysys", "Cards PaySys knows"), "paysys.cards-paysys-knows"},
		{"no provider: core", it("", "Control API"), "core.control-api"},
		{"provider label on the It", labelOnTheIt, "anorbank.agent-tokens"},
		{"no container: the file", noContainer, "anorbank.ledger-edges"},
		{"SynchronizedBeforeSuite", types.SpecReport{LeafNodeType: types.NodeTypeSynchronizedBeforeSuite}, "suite.setup"},
		{"BeforeSuite", types.SpecReport{LeafNodeType: types.NodeTypeBeforeSuite}, "suite.setup"},
		{"SynchronizedAfterSuite", types.SpecReport{LeafNodeType: types.NodeTypeSynchronizedAfterSuite}, "suite.teardown"},
		{"DeferCleanup of the suite", types.SpecReport{LeafNodeType: types.NodeTypeCleanupAfterSuite}, "suite.teardown"},
		{"ReportAfterSuite", types.SpecReport{LeafNodeType: types.NodeTypeReportAfterSuite}, "suite.report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Classname(tc.spec); got != tc.want {
				t.Errorf("Classname = %q, want %q", got, tc.want)
			}
		})
	}
}

func report(specs ...types.SpecReport) types.Report {
	return types.Report{SuiteDescription: "paysandbox contract suite", SuitePath: "/repo/testsuite", SpecReports: specs}
}

func read(t *testing.T, path string) reporters.JUnitTestSuites {
	t.Helper()
	var suites reporters.JUnitTestSuites
	data, err := os.ReadFile(path)
	if err == nil {
		err = xml.Unmarshal(data, &suites)
	}
	if err != nil {
		t.Fatal(err)
	}
	return suites
}

func TestWriteGroupsTestcasesAndKeepsFailures(t *testing.T) {
	failed := it("paysys", "PaySys balance edges")
	failed.State = types.SpecStateFailed
	failed.Failure = types.Failure{Message: "expected 100 to equal 99", Location: failed.LeafNodeLocation}
	r := report(types.SpecReport{LeafNodeType: types.NodeTypeSynchronizedBeforeSuite, State: types.SpecStatePassed},
		it("anorbank", "Anor Bank holds"), failed, it("", "Namespaces"))
	r.SuiteDescription = `the "contract" suite & <its> specs` // Ginkgo escapes it in the file
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := Write(r, path); err != nil {
		t.Fatal(err)
	}
	suites := read(t, path)
	var got []string
	for _, c := range suites.TestSuites[0].TestCases {
		got = append(got, c.Classname)
	}
	want := []string{"suite.setup", "anorbank.holds", "paysys.balance-edges", "core.namespaces"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("classnames %v, want %v", got, want)
	}
	fail := suites.TestSuites[0].TestCases[2]
	if fail.Failure == nil || fail.Failure.Message != "expected 100 to equal 99" || suites.TestSuites[0].Failures != 1 {
		t.Errorf("the failure did not survive: %+v", fail.Failure)
	}
	if fail.SystemErr == "" {
		t.Error("a failed spec lost its timeline")
	}
	if err := Check(path); err != nil {
		t.Errorf("Check of a written report: %v", err)
	}
}

func TestCheckNamesEmptyAndGenericClassnames(t *testing.T) {
	dir := t.TempDir()
	ginkgoDefault := filepath.Join(dir, "ginkgo.xml")
	if err := reporters.GenerateJUnitReport(report(it("anorbank", "Anor Bank holds")), ginkgoDefault); err != nil {
		t.Fatal(err)
	}
	file := func(classname string) string {
		p := filepath.Join(dir, strings.NewReplacer(".", "_", " ", "_").Replace(classname)+"x.xml")
		body := `<testsuites><testsuite name="paysandbox contract suite"><testcase name="[It] ok" classname="core.namespaces"></testcase>` +
			`<testcase name="[It] bad one" classname="` + classname + `"></testcase></testsuite></testsuites>`
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct{ name, path, names string }{
		{"Ginkgo's default: the suite's name", ginkgoDefault, "Anor Bank holds does a thing"},
		{"empty", file(""), "bad one"},
		{"no group", file("anorbank"), "bad one"},
		{"an empty group", file("anorbank."), "bad one"},
		{"an unknown owner", file("tests.holds"), "bad one"},
		{"the suite's name", file("paysandbox contract suite"), "bad one"},
		{"not a slug", file("anorbank.Holds And More"), "bad one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Check(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.names) {
				t.Fatalf("Check = %v, want an error naming %q", err, tc.names)
			}
			if strings.Contains(err.Error(), "[It] ok") {
				t.Errorf("Check named a good testcase: %v", err)
			}
		})
	}
	empty := filepath.Join(dir, "empty.xml")
	os.WriteFile(empty, []byte(`<testsuites></testsuites>`), 0o644)
	if err := Check(empty); err == nil {
		t.Error("Check passed a report without testcases")
	}
}
