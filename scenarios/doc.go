// Package scenarios loads, validates and compiles scenario files: the YAML or
// JSON that seeds a sandbox (credentials, cards, balances, merchants,
// services) and scripts it (settings, rules). The embedded default.yaml makes
// the binary run with no configuration; it is compiled to Go
// (default_compiled.go: run `go generate ./scenarios` after editing it), so
// serving it parses no YAML.
//
// Loading has two passes: schema.json (unknown keys are errors), then
// semantic checks (unique PANs, BIN vs vendor, codes in the provider's
// catalogue, known operations). Every problem is reported at once as
// `file: /json/pointer: message`. This package imports jsonschema/v6 and the
// YAML decoder kin-openapi already brings; never net/http or a provider.
package scenarios
