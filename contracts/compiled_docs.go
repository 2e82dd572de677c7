package contracts

import "github.com/getkin/kin-openapi/openapi3"

//go:generate go run ./gen

// compiledDocs build each contract's document without parsing YAML
// (doc_<name>.go, written by `go generate` from <name>.yaml; issue 15).
// TestCompiledDocsMatchYAML keeps every one equal to what kin-openapi reads
// from its YAML, and fails while one was not regenerated.
var compiledDocs = map[string]func() *openapi3.T{
	"admin":      compiledDoc_admin,
	"aloqa":      compiledDoc_aloqa,
	"anorbank":   compiledDoc_anorbank,
	"paysys":     compiledDoc_paysys,
	"requisites": compiledDoc_requisites,
}

// ptr is the generated files' way to point to a basic value.
func ptr[T any](v T) *T { return &v }
