// The documentation's pointers into the repository: README.md, docs/*.md and
// every other Markdown file may only name files that exist (issue 14).
package paysandbox_test

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestDocsPointOnlyAtFilesInTheRepository(t *testing.T) {
	dirs := topDirs(t, ".")
	docs := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && skippedDir(d.Name()) {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Ext(path) != ".md" {
			return nil
		}
		docs++
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, p := range missing(".", path, string(text), dirs) {
			t.Error(p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs < 2 {
		t.Fatalf("found %d Markdown files; is the test running at the repository root?", docs)
	}
}

// skippedDir: git's own files, build output, run reports and test inputs.
func skippedDir(name string) bool {
	return name == ".git" || name == "bin" || name == "reports" || name == "testdata" || name == "node_modules"
}

// knownDirs are top-level directories the documentation points into; a
// path into one of them is checked even after the directory is gone.
var knownDirs = []string{"bench", "clients", "contracts", "docs", "mockserver", "scenarios", "scripts", "testsuite"}

// topDirs are the known and the present top-level directories: a path in
// backticks that starts with one of them ("contracts/aloqa.yaml") is a
// repository path.
func topDirs(t *testing.T, root string) []string {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	dirs := slices.Clone(knownDirs)
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !skippedDir(e.Name()) && !slices.Contains(dirs, e.Name()) {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

var (
	fence      = regexp.MustCompile("^\\s*(```|~~~)")
	link       = regexp.MustCompile(`\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	definition = regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)`)
	codeSpan   = regexp.MustCompile("`([^`]+)`")
	fencedPath = regexp.MustCompile(`(?:^|[\s="'(])((?:\./)?[A-Za-z0-9_-]+(?:/[A-Za-z0-9_.<>{}*-]*)+)`)
	scheme     = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
)

// missing lists, as "doc:line: ...", every relative link in text (resolved
// from the document's directory, or the root for "/...") and every
// repository path in code (in backticks, or a token in a fenced block,
// resolved from the root) that does not exist under root.
func missing(root, doc, text string, dirs []string) []string {
	var out []string
	report := func(line int, what, target string) {
		out = append(out, doc+":"+strconv.Itoa(line)+": "+what+" "+target+" is not in the repository")
	}
	inFence := false
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		if fence.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			for _, m := range fencedPath.FindAllStringSubmatch(line, -1) {
				if repoPath(m[1], dirs) && !pathExists(root, m[1]) {
					report(n, "the path", m[1])
				}
			}
			continue
		}
		targets := link.FindAllStringSubmatch(line, -1)
		targets = append(targets, definition.FindAllStringSubmatch(line, -1)...)
		for _, m := range targets {
			if target, ok := localTarget(m[1]); ok && !linkExists(root, doc, target) {
				report(n, "the link", m[1])
			}
		}
		for _, m := range codeSpan.FindAllStringSubmatch(line, -1) {
			if p := strings.TrimSpace(m[1]); repoPath(p, dirs) && !pathExists(root, p) {
				report(n, "the path", "`"+p+"`")
			}
		}
	}
	return out
}

// localTarget is a link's file part, when it points into the repository
// (not a URL, mail address or an anchor in the same page).
func localTarget(target string) (string, bool) {
	if scheme.MatchString(target) || strings.HasPrefix(target, "#") {
		return "", false
	}
	target, _, _ = strings.Cut(target, "#")
	target, _, _ = strings.Cut(target, "?")
	if t, err := url.PathUnescape(target); err == nil {
		target = t
	}
	return target, target != ""
}

func linkExists(root, doc, target string) bool {
	base := filepath.Dir(doc)
	if strings.HasPrefix(target, "/") {
		base = "."
	}
	p := filepath.Join(root, base, filepath.FromSlash(target))
	if rel, err := filepath.Rel(root, p); err != nil || strings.HasPrefix(rel, "..") {
		return false // outside the repository
	}
	_, err := os.Stat(p)
	return err == nil
}

// repoPath reports code that names a path in one of the repository's
// top-level directories: "contracts/", "./mockserver", "docs/aloqa.md".
func repoPath(code string, dirs []string) bool {
	dotted := strings.HasPrefix(code, "./")
	first, _, slash := strings.Cut(strings.TrimPrefix(code, "./"), "/")
	return (dotted || slash) && slices.Contains(dirs, first) && !strings.ContainsAny(code, " \t")
}

// Placeholders in a documented path stand for any name: <provider>,
// {provider}, ... (as in go test ./...), and acme, the provider README's
// "Adding a provider" walks through. Such a path must still match at least one file, so a renamed
// directory or convention is caught.
var placeholder = regexp.MustCompile(`<[^>]*>|\{[^}]*\}|\.\.\.|acme`)

// pathExists: the path itself, a pattern matching something, or a Go
// identifier in a package's directory ("mockserver/sandbox.New").
func pathExists(root, p string) bool {
	p = strings.TrimSuffix(strings.TrimPrefix(p, "./"), "/")
	full := filepath.Join(root, filepath.FromSlash(placeholder.ReplaceAllString(p, "*")))
	if strings.Contains(full, "*") {
		matches, err := filepath.Glob(full)
		return err == nil && len(matches) > 0
	}
	if _, err := os.Stat(full); err == nil {
		return true
	}
	dir, ident, ok := strings.Cut(filepath.Base(full), ".")
	if !ok || ident == "" || ident[0] < 'A' || ident[0] > 'Z' {
		return false
	}
	info, err := os.Stat(filepath.Join(filepath.Dir(full), dir))
	return err == nil && info.IsDir()
}

func TestMissingFindsEachKindOfPointer(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"README.md", "docs/aloqa.md", "contracts/aloqa.yaml", "contracts/errors/aloqa.yaml",
		"mockserver/aloqa/aloqahttp/routes.go", "mockserver/sandbox/sandbox.go"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dirs := topDirs(t, root)
	for _, tc := range []struct {
		name, doc, text string
		want            string // "" when nothing is missing
	}{
		{"a link from the root", "README.md", "see [Aloqa](docs/aloqa.md#errors).", ""},
		{"a broken link", "README.md", "see [Aloqa](docs/aloqa-gateway.md).", "README.md:1: the link docs/aloqa-gateway.md"},
		{"a link from docs/", "docs/aloqa.md", "the [contract](../contracts/aloqa.yaml)", ""},
		{"a link resolved from the wrong directory", "docs/aloqa.md", "the [contract](contracts/aloqa.yaml)", "the link contracts/aloqa.yaml"},
		{"a link from the repository root", "docs/aloqa.md", "the [contract](/contracts/aloqa.yaml)", ""},
		{"a link out of the repository", "README.md", "[x](../etc/passwd)", "the link ../etc/passwd"},
		{"a reference definition", "README.md", "[contract]: contracts/paysys.yaml", "the link contracts/paysys.yaml"},
		{"URLs, mail and anchors", "README.md", "[a](https://x.example/y) [b](mailto:a@b.c) [c](#layout)", ""},
		{"a path in backticks", "docs/aloqa.md", "codes in `contracts/errors/aloqa.yaml`", ""},
		{"a missing path in backticks", "docs/aloqa.md", "line one\ncodes in `contracts/errors/aloqa.yml`", "docs/aloqa.md:2: the path `contracts/errors/aloqa.yml`"},
		{"a missing directory", "README.md", "`./clients/aloqa`", "the path `./clients/aloqa`"},
		{"a placeholder that matches", "README.md", "`contracts/errors/<provider>.yaml` and `mockserver/acme/acmehttp/`", ""},
		{"a Go package pattern", "README.md", "`mockserver/...` and `go test ./...`", ""},
		{"a placeholder that matches nothing", "README.md", "`contracts/<provider>.json`", "the path `contracts/<provider>.json`"},
		{"a Go identifier in a package", "README.md", "`mockserver/sandbox.New`", ""},
		{"a Go identifier in no package", "README.md", "`mockserver/box.New`", "the path `mockserver/box.New`"},
		{"code that is not a repository path", "README.md", "`go test ./...` `a/b` `GET /anorbank/x` `mockserver -addr :0`", ""},
		{"a path in a fenced block", "README.md", "```sh\ngo run ./mockserver -scenario scenarios/nope.yaml\n```", "README.md:2: the path scenarios/nope.yaml"},
		{"a link in a fenced block is code", "README.md", "```\n[x](nope.md)\n```", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := missing(root, tc.doc, tc.text, dirs)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("reported %q, want nothing", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("reported %q, want one report containing %q", got, tc.want)
			}
		})
	}
}
