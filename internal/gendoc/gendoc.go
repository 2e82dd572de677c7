// Package gendoc compiles data that would otherwise be parsed at start-up
// into Go source that builds the same value without parsing (issue 15):
// any value of plain data, such as the error catalogues and the default
// scenario (File). The contracts' operations have their own generator
// (contracts/gen), as they are compiled rather than copied.
//
// Used by the generators (go generate) and by the tests that fail when a
// source file was edited without regenerating. Imports the standard
// library only.
package gendoc

import "strconv"

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
