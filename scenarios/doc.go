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
// `file: /json/pointer: message`. This package imports the YAML decoder and
// the standard library; never net/http or a provider. schema.json is
// checked by a validator of its own (schema_*.go; issue 15: jsonschema/v6's
// init alone cost the binary 7.7 ms of start-up): exactly the keywords the
// file uses, a keyword it does not implement refused, and problems worded
// as jsonschema/v6 words them (TestSchemaAgreement holds the two together;
// scenarios/schemaref is the reference, for tests and testsuite/profile).
package scenarios
