// Command gen compiles the contracts' OpenAPI documents into Go source
// (contracts/doc_<name>.go) that builds each document without parsing
// YAML: run `go generate ./contracts` after editing a contract. A test in
// contracts fails while a generated file differs from its YAML.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paysandbox/paysandbox/internal/gendoc"
)

func main() {
	names, err := filepath.Glob("*.yaml")
	if err != nil || len(names) == 0 {
		fmt.Fprintln(os.Stderr, "gen: run in contracts/ (no *.yaml here)")
		os.Exit(1)
	}
	for _, file := range names {
		name := strings.TrimSuffix(file, ".yaml")
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		src, err := gendoc.Source("contracts", gendoc.FuncName(name), file, data)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(gendoc.FileName(name), src, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
