// Package junit writes the contract suite's JUnit report with one classname
// per provider and spec group (anorbank.holds, paysys.payouts-to-e-wallets,
// core.namespaces), so CI tools group the testcases the way the suite is
// organised instead of filing all of them under the suite's name, which is
// all Ginkgo's own JUnit reporter can do.
package junit

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/onsi/ginkgo/v2/reporters"
	"github.com/onsi/ginkgo/v2/types"

	"github.com/paysandbox/paysandbox/testsuite/certify"
)

// SuiteOwner owns the suite's own setup, teardown and report nodes.
const SuiteOwner = "suite"

// config keeps Ginkgo's timeline (the spec's steps and output) for specs
// that did not pass: that is what a reader of a CI report opens. Rendering
// it for every passed spec cost a second of the run under -race.
var config = reporters.JunitReportConfig{
	OmitTimelinesForSpecState: types.SpecStatePassed | types.SpecStateSkipped | types.SpecStatePending,
}

// Classname is a testcase's <owner>.<group>. The owner is the spec's
// provider (certify.ProviderOf, "core" for the control API), or "suite" for
// the suite's own nodes. The group is the spec's top-level container
// ("Anor Bank holds" → holds): each provider's specs are grouped in
// Describes named after what they cover, starting with the provider's name,
// which the owner already says. A spec outside any container is grouped by
// its file.
func Classname(s types.SpecReport) string {
	if s.LeafNodeType.Is(types.NodeTypesForSuiteLevelNodes) {
		return SuiteOwner + "." + suiteGroup(s.LeafNodeType)
	}
	owner := certify.ProviderOf(s)
	return owner + "." + group(s, owner)
}

func suiteGroup(t types.NodeType) string {
	switch {
	case t.Is(types.NodeTypeBeforeSuite | types.NodeTypeSynchronizedBeforeSuite):
		return "setup"
	case t.Is(types.NodeTypeReportBeforeSuite | types.NodeTypeReportAfterSuite):
		return "report"
	}
	return "teardown"
}

func group(s types.SpecReport, owner string) string {
	for _, text := range s.ContainerHierarchyTexts {
		if g := strings.Join(withoutOwner(words(text), owner), "-"); g != "" {
			return g
		}
	}
	file := strings.TrimSuffix(filepath.Base(s.LeafNodeLocation.FileName), ".go")
	if g := strings.Join(words(file), "-"); g != "" {
		return g
	}
	return "ungrouped"
}

// words are text's runs of lower-case ASCII letters and digits.
func words(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
}

// withoutOwner drops the leading words that spell the owner, however the
// container writes it: "Anor Bank" for anorbank, "AloqaGateway" for aloqa.
func withoutOwner(ws []string, owner string) []string {
	joined := ""
	for i, w := range ws {
		joined += w
		if strings.HasPrefix(joined, owner) {
			return ws[i+1:]
		}
		if !strings.HasPrefix(owner, joined) {
			break
		}
	}
	return ws
}

// Write writes r to path as JUnit XML, each testcase's classname set by
// Classname. Ginkgo writes one testcase per SpecReport, in order, each with
// the suite's name as its classname; those attributes are replaced in the
// text (decoding and encoding the report again cost half a second under
// -race).
func Write(r types.Report, path string) error {
	if err := reporters.GenerateJUnitReportWithConfig(r, path, config); err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var suiteName bytes.Buffer
	if err := xml.EscapeText(&suiteName, []byte(r.SuiteDescription)); err != nil {
		return err
	}
	parts := bytes.Split(data, []byte(` classname="`+suiteName.String()+`"`))
	if len(parts)-1 != len(r.SpecReports) {
		return fmt.Errorf("junit: %s holds %d testcases classed by the suite's name for %d specs", path, len(parts)-1, len(r.SpecReports))
	}
	var b bytes.Buffer
	for i, part := range parts {
		b.Write(part)
		if i < len(r.SpecReports) {
			b.WriteString(` classname="` + Classname(r.SpecReports[i]) + `"`)
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// maxNamed bounds the testcases a failed Check names (all of them fail when
// the classnames were not set at all).
const maxNamed = 10

var classnameForm = regexp.MustCompile(`^([a-z0-9]+)\.[a-z0-9]+(-[a-z0-9]+)*$`)

// Check reads the JUnit file at path and fails naming every testcase whose
// classname is empty or generic: not <owner>.<group> with a known owner (a
// provider, core or suite), as Ginkgo's own reporter's suite name is not.
func Check(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	owners := append(slices.Clone(certify.Providers), "core", SuiteOwner)
	var bad []string
	total := 0
	dec := xml.NewDecoder(bufio.NewReader(f))
	for {
		tok, err := dec.RawToken() // the testcases' attributes are all it needs
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("junit: %s: %w", path, err)
		}
		tc, ok := tok.(xml.StartElement)
		if !ok || tc.Name.Local != "testcase" {
			continue
		}
		total++
		name, classname := attr(tc, "name"), attr(tc, "classname")
		if m := classnameForm.FindStringSubmatch(classname); m == nil || !slices.Contains(owners, m[1]) {
			bad = append(bad, fmt.Sprintf("%q (classname %q)", name, classname))
		}
	}
	if total == 0 {
		return fmt.Errorf("junit: %s has no testcases", path)
	}
	if len(bad) > 0 {
		n := len(bad)
		if n > maxNamed {
			bad = append(bad[:maxNamed], fmt.Sprintf("and %d more", n-maxNamed))
		}
		return fmt.Errorf("junit: %s: %d testcases without a <provider>.<group> classname:\n  %s", path, n, strings.Join(bad, "\n  "))
	}
	return nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
