package clienttest

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// T is what CheckSentinels needs of *testing.T.
type T interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// Catalogue is what CheckSentinels needs of contracts.Catalogue.
type Catalogue interface{ Codes() []string }

// CheckSentinels ties a client's Err* sentinels to the provider's catalogue,
// read with load (contracts.LoadCatalogue); key gives a sentinel's code (a
// string detail or an int code, compared as printed):
//   - every sentinel's code is documented, and no two share a code;
//   - there is one sentinel for each exported Err* variable declared in the
//     package's non-test files (less notCatalogued, e.g. ErrNoCredentials),
//     so a new sentinel missing from the table fails;
//   - when complete, every documented code has a sentinel (Anor Bank, PaySys
//     and requisites name them all; AloqaGateway its frequent ones, plus Code(n)).
func CheckSentinels[C Catalogue, E any](t T, load func(string) (C, error), provider string, complete bool,
	sentinels []*E, key func(*E) any, notCatalogued ...string) {
	checkSentinels(t, ".", load, provider, complete, sentinels, key, notCatalogued...)
}

func checkSentinels[C Catalogue, E any](t T, dir string, load func(string) (C, error), provider string, complete bool,
	sentinels []*E, key func(*E) any, notCatalogued ...string) {
	t.Helper()
	cat, err := load(provider)
	if err != nil {
		t.Fatal(err)
	}
	codes := cat.Codes()
	seen := map[string]bool{}
	for i, s := range sentinels {
		code := fmt.Sprint(key(s))
		if !slices.Contains(codes, code) {
			t.Errorf("sentinel %d stands for %q, which is not in contracts/errors/%s.yaml", i, code, provider)
		}
		if seen[code] {
			t.Errorf("two sentinels stand for %q", code)
		}
		seen[code] = true
	}
	var declared []string
	for _, name := range ExportedErrs(t, dir) {
		if !slices.Contains(notCatalogued, name) {
			declared = append(declared, name)
		}
	}
	if len(declared) != len(sentinels) {
		t.Errorf("the package declares %d documented-error sentinels, the table lists %d: %v", len(declared), len(sentinels), declared)
	}
	if !complete {
		return
	}
	for _, code := range codes {
		if !seen[code] {
			t.Errorf("contracts/errors/%s.yaml documents %q but the client has no sentinel for it", provider, code)
		}
	}
}

// ExportedErrs lists the package-level variables named Err* declared in the
// non-test Go files of dir.
func ExportedErrs(tb T, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			tb.Fatal(err)
		}
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.VAR {
				names = append(names, errNames(g)...)
			}
		}
	}
	if len(names) == 0 {
		tb.Fatal("no Err* variables in " + dir + "; is the path right?")
	}
	return names
}

func errNames(g *ast.GenDecl) []string {
	var names []string
	for _, spec := range g.Specs {
		for _, n := range spec.(*ast.ValueSpec).Names {
			if strings.HasPrefix(n.Name, "Err") && n.IsExported() {
				names = append(names, n.Name)
			}
		}
	}
	return names
}
