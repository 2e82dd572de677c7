// Command gen compiles the embedded default scenario (default.yaml) into Go
// source (scenarios/default_compiled.go) that builds it without parsing
// YAML: run `go generate ./scenarios` after editing default.yaml. A test in
// scenarios fails while the generated file differs from the YAML.
package main

import (
	"fmt"
	"os"

	"github.com/paysandbox/paysandbox/internal/gendoc"
	"github.com/paysandbox/paysandbox/scenarios"
)

func main() {
	file, t := gendoc.DefaultScenarioTarget()
	data, err := os.ReadFile(t.Origin)
	if err != nil {
		fail(fmt.Errorf("run in scenarios/: %w", err))
	}
	sc, err := scenarios.Load(scenarios.DefaultSource, data, scenarios.Checks{})
	if err != nil {
		fail(err)
	}
	src, err := gendoc.File(t, sc)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(file, src, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
