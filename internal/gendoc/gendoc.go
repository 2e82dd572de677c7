// Package gendoc compiles data that would otherwise be parsed at start-up
// into Go source that builds the same value without parsing (issue 15):
// the contracts' OpenAPI documents as kin-openapi reads them from YAML
// (Source), and any other value of plain data, such as the error
// catalogues and the default scenario (File).
//
// An OpenAPI document is built with its $refs unresolved, as a JSON round
// trip of kin's result holds it; contracts resolves them at load (a few
// milliseconds), exactly as kin's loader does after parsing.
//
// Used by the generators (go generate) and by the tests that fail when a
// source file was edited without regenerating. Imports kin-openapi and
// the standard library only.
package gendoc

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"
)

// Source returns the Go source of file (package pkg) declaring
// func fn() *openapi3.T building the document yamlData describes.
func Source(pkg, fn, origin string, yamlData []byte) ([]byte, error) {
	doc, err := openapi3.NewLoader().LoadFromData(yamlData)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var plain openapi3.T // $refs kept as references, none resolved
	if err := json.Unmarshal(js, &plain); err != nil {
		return nil, err
	}
	w := newWriter("")
	expr, err := w.expr(&plain)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", origin, err)
	}
	t := Target{Generator: "contracts/gen", Origin: origin, Package: pkg, Func: fn}
	return w.file(t, fmt.Sprintf("func %s() *openapi3.T {\n\treturn %s\n}\n", fn, expr))
}

// FuncName is the generated function building the document of contract name.
func FuncName(name string) string { return "compiledDoc_" + name }

// FileName is the generated file of contract name, in contracts/.
func FileName(name string) string { return "doc_" + name + ".go" }

// CatalogueTarget is the generated file of provider's error catalogue
// (errors/<provider>.yaml), in contracts/: catalogue_<provider>.go.
func CatalogueTarget(provider string) (file string, t Target) {
	return "catalogue_" + provider + ".go", Target{
		Generator: "contracts/gen", Origin: "errors/" + provider + ".yaml",
		Package: "contracts", Path: "github.com/paysandbox/paysandbox/contracts",
		Func: "compiledCatalogue_" + provider, Register: "compiledCatalogues[" + strconv.Quote(provider) + "]",
	}
}

// DefaultScenarioTarget is the generated file of the embedded default
// scenario (default.yaml), in scenarios/.
func DefaultScenarioTarget() (file string, t Target) {
	return "default_compiled.go", Target{
		Generator: "scenarios/gen", Origin: "default.yaml",
		Package: "scenarios", Path: "github.com/paysandbox/paysandbox/scenarios",
		Func: "compiledDefaultScenario", Register: "compiledDefault",
	}
}
