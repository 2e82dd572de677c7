// Command gen compiles the contracts' OpenAPI documents and error
// catalogues into Go source (contracts/ops_<name>.go: the operations and
// their compiled schemas, as kin-openapi reads the document; and
// catalogue_<provider>.go) that the server runs on without parsing YAML or
// linking kin-openapi: run
// `go generate ./contracts` after editing a contract or a catalogue. Tests
// in contracts fail while a generated file differs from its YAML.
package main

import (
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/contracts/internal/compile"
	"github.com/paysandbox/paysandbox/internal/gendoc"
)

func main() {
	// The server validates the providers' operations; the control API's
	// document (admin.yaml) is read by tests and tools with kin-openapi.
	for _, name := range contracts.Providers {
		file := name + ".yaml"
		data, err := os.ReadFile(file)
		if err != nil {
			fail(fmt.Errorf("run in contracts/: %w", err))
		}
		doc, err := openapi3.NewLoader().LoadFromData(data)
		if err != nil {
			fail(fmt.Errorf("%s: %w", file, err))
		}
		ops, err := compile.Operations(name, doc)
		if err != nil {
			fail(err)
		}
		src, err := opsSource(name, file, ops)
		if err != nil {
			fail(err)
		}
		write(OpsFile(name), src)
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

// OpsFile is the generated file of contract name, in contracts/.
func OpsFile(name string) string { return "ops_" + name + ".go" }
