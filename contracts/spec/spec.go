// Package spec is kin-openapi's reading of the contracts' documents, for
// the tools and tests that need the documents themselves (the drift report,
// generated test corpora): the server runs on the compiled operations of
// package contracts and does not link kin-openapi (issue 15).
package spec

import (
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts"
)

var (
	mu   sync.Mutex
	docs = map[string]*openapi3.T{}
)

// Load returns the document of contract name (a provider or "admin"),
// parsed and resolved once per process.
func Load(name string) (*openapi3.T, error) {
	mu.Lock()
	defer mu.Unlock()
	if d, ok := docs[name]; ok {
		return d, nil
	}
	data, err := contracts.Source(name)
	if err != nil {
		return nil, err
	}
	d, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("contracts: %s.yaml: %w", name, err)
	}
	docs[name] = d
	return d, nil
}

// MustLoad is Load for tests.
func MustLoad(name string) *openapi3.T {
	d, err := Load(name)
	if err != nil {
		panic(err)
	}
	return d
}

// Operation is the document's operation that op compiles.
func Operation(doc *openapi3.T, op *contracts.Operation) *openapi3.Operation {
	item := doc.Paths.Value(op.Path)
	if item == nil {
		return nil
	}
	return item.GetOperation(op.Method)
}
