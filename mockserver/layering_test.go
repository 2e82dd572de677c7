package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/contracts"
)

const module = "github.com/paysandbox/paysandbox/"

// isDomain: the provider domain packages and core, which must stay free of
// HTTP so their state machines are testable without it (STYLE.md §2).
func isDomain(pkg string) bool {
	rel, ok := strings.CutPrefix(pkg, module+"mockserver/")
	if !ok {
		return false
	}
	if rel == "core" || slices.Contains(contracts.Providers, rel) {
		return true
	}
	return strings.HasPrefix(rel, "core/") && rel != "core/httpx"
}

func TestLayering(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-f", `{{.ImportPath}} {{join .Deps " "}}`, "../...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, deps, _ := strings.Cut(line, " ")
		fields := strings.Fields(deps)
		if isDomain(pkg) {
			checked++
			for _, banned := range []string{"net/http", "github.com/gorilla/mux", "github.com/getkin/kin-openapi/openapi3", module + "contracts"} {
				if slices.Contains(fields, banned) {
					t.Errorf("%s depends on %s; move that code to an adapter", pkg, banned)
				}
			}
		}
		if strings.HasPrefix(pkg, module+"clients/") {
			for _, d := range fields {
				if strings.HasPrefix(d, module+"mockserver") {
					t.Errorf("client %s depends on %s; clients agree with the fake only through contracts/", pkg, d)
				}
			}
		}
		if strings.HasPrefix(pkg, module+"mockserver/core") {
			for _, d := range fields {
				if strings.HasPrefix(d, module+"mockserver/") && !strings.HasPrefix(d, module+"mockserver/core") {
					t.Errorf("core package %s depends on %s; core knows no provider", pkg, d)
				}
			}
		}
	}
	if checked < 2 {
		t.Fatalf("checked only %d domain packages; is the module layout what this test expects?", checked)
	}
}

// The server binary links neither kin-openapi nor the JSON Schema compiler
// (jsonschema/v6, whose package init compiles five meta-schemas): their
// initialisation alone was half of the start-up budget (issue 15). It runs
// on the contracts compiled at build time (contracts/schema) and validates
// scenario files with scenarios' own validator; tests keep both equal to
// the libraries, verdicts and words.
func TestBinaryDoesNotLinkKinOpenAPI(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasPrefix(dep, "github.com/getkin/kin-openapi") || strings.HasPrefix(dep, "github.com/santhosh-tekuri/jsonschema") {
			t.Errorf("the mockserver binary links %s", dep)
		}
	}
}
