// Command gen compiles the contracts' OpenAPI documents and error
// catalogues into Go source (contracts/doc_<name>.go and
// catalogue_<provider>.go) that builds each without parsing YAML: run
// `go generate ./contracts` after editing a contract or a catalogue. Tests
// in contracts fail while a generated file differs from its YAML.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/internal/gendoc"
)

func main() {
	names, err := filepath.Glob("*.yaml")
	if err != nil || len(names) == 0 {
		fail(fmt.Errorf("run in contracts/ (no *.yaml here)"))
	}
	for _, file := range names {
		name := strings.TrimSuffix(file, ".yaml")
		data, err := os.ReadFile(file)
		if err != nil {
			fail(err)
		}
		src, err := gendoc.Source("contracts", gendoc.FuncName(name), file, data)
		if err != nil {
			fail(err)
		}
		write(gendoc.FileName(name), src)
	}
	for _, provider := range contracts.Providers {
		out, t := gendoc.CatalogueTarget(provider)
		data, err := os.ReadFile(t.Origin)
		if err != nil {
			fail(err)
		}
		cat, err := contracts.ParseCatalogue(provider, data)
		if err != nil {
			fail(err)
		}
		src, err := gendoc.File(t, cat.Compilable())
		if err != nil {
			fail(err)
		}
		write(out, src)
	}
}

func write(file string, src []byte) {
	if err := os.WriteFile(file, src, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
