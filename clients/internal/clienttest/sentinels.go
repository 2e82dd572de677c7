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
	"testing"
)

// Sentinel is one row of a client's sentinel table: the variable's name and
// the catalogue code it stands for. The test builds Code from the variable
// itself (e.g. anorbank.ErrBillNotFound.Detail), so a removed sentinel
// breaks the test's build.
type Sentinel struct {
	Name string
	Code any // a string detail or an int code, compared as printed
}

// Catalogue is what CheckSentinels needs of contracts.Catalogue.
type Catalogue interface{ Codes() []string }

// CheckSentinels ties a client's Err* sentinels to the provider's catalogue,
// read with load (contracts.LoadCatalogue), and to the package in the
// current directory:
//   - every row's code is documented, and no two rows share a code;
//   - the rows (with notCatalogued, e.g. ErrNoCredentials) name every
//     exported Err* variable declared in the package's non-test files in
//     dir, so a new sentinel without a row fails;
//   - when complete, every documented code has a row (Anor Bank, PaySys and
//     requisites name them all; AloqaGateway its frequent ones, plus Code(n)).
func CheckSentinels[C Catalogue](t *testing.T, load func(string) (C, error), provider string, complete bool, rows []Sentinel, notCatalogued ...string) {
	t.Helper()
	cat, err := load(provider)
	if err != nil {
		t.Fatal(err)
	}
	codes := cat.Codes()
	seen := map[string]string{}
	var named []string
	for _, r := range rows {
		named = append(named, r.Name)
		code := fmt.Sprint(r.Code)
		if !slices.Contains(codes, code) {
			t.Errorf("%s stands for %q, which is not in contracts/errors/%s.yaml", r.Name, code, provider)
		}
		if other, dup := seen[code]; dup {
			t.Errorf("%s and %s both stand for %q", other, r.Name, code)
		}
		seen[code] = r.Name
	}
	named = append(named, notCatalogued...)
	for _, name := range ExportedErrs(t, ".") {
		if !slices.Contains(named, name) {
			t.Errorf("%s is declared but has no row in the sentinel table", name)
		}
	}
	if !complete {
		return
	}
	for _, code := range codes {
		if _, ok := seen[code]; !ok {
			t.Errorf("contracts/errors/%s.yaml documents %q but the client has no sentinel for it", provider, code)
		}
	}
}

// ExportedErrs lists the package-level variables named Err* declared in the
// non-test Go files of dir.
func ExportedErrs(tb testing.TB, dir string) []string {
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
		tb.Fatalf("no Err* variables in %s; is the path right?", dir)
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
