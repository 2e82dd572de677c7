package contracts

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
)

//go:embed *.yaml errors
var files embed.FS

// Providers is every provider paysandbox knows, in mount order.
var Providers = []string{"anorbank", "aloqa", "paysys", "requisites"}

// Contract is one provider's (or the control API's) document with its
// operations and error catalogue.
type Contract struct {
	Name      string
	Doc       *openapi3.T
	Catalogue *Catalogue // nil for admin
	ops       map[string]*Operation
	order     []string
}

// Operation is one documented operation, with its kin-openapi route built once.
type Operation struct {
	ID     string
	Method string
	Path   string // relative to the provider's mount prefix, with {params}
	route  *routers.Route

	// The fast path (see ValidateRequest): the JSON body schema, and the
	// required plain-string parameters, when that is all there is to check.
	fast         bool
	bodySchema   *openapi3.Schema
	bodyRequired bool
	required     []*openapi3.Parameter

	// Compiled validators (compiled.go): the request body's, built at
	// load, and each response media type's by schema, built on first use
	// (responseNodes). A schema that does not compile has no entry and is
	// walked by kin-openapi.
	bodyNode  *node
	schemas   *schemaCompiler // the contract's
	respOnce  sync.Once
	respNodes map[*openapi3.Schema]*node
}

// schemaCompiler is a contract's compiler, shared by its operations (a
// schema several share, such as an error envelope, compiles once) and
// locked because responses compile on first use, from any request.
type schemaCompiler struct {
	mu sync.Mutex
	c  *compiler
}

// cache holds one entry per contract name; each is loaded once, and
// different contracts load concurrently (start-up time, see Preload).
var (
	cacheMu sync.Mutex
	cache   = map[string]*cacheEntry{}
)

type cacheEntry struct {
	once sync.Once
	c    *Contract
	err  error
}

// Load returns the contract for name ("anorbank", ..., "admin"), parsed and
// validated once per process.
func Load(name string) (*Contract, error) {
	cacheMu.Lock()
	e, ok := cache[name]
	if !ok {
		e = &cacheEntry{}
		cache[name] = e
	}
	cacheMu.Unlock()
	e.once.Do(func() { e.c, e.err = load(name) })
	return e.c, e.err
}

// MustLoad is Load for start-up code and tests.
func MustLoad(name string) *Contract {
	c, err := Load(name)
	if err != nil {
		panic(err)
	}
	return c
}

func load(name string) (*Contract, error) {
	doc, err := loadDoc(name)
	if err != nil {
		return nil, err
	}
	// doc.Validate (OpenAPI well-formedness, examples against schemas) runs
	// in TestContractsAreValidOpenAPI rather than at every start-up: the
	// documents are embedded, so a test proves them once per change.
	c := &Contract{Name: name, Doc: doc, ops: map[string]*Operation{}}
	schemas := &schemaCompiler{c: newCompiler()}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("contracts: %s.yaml: %s %s has no operationId", name, method, path)
			}
			if _, dup := c.ops[op.OperationID]; dup {
				return nil, fmt.Errorf("contracts: %s.yaml: duplicate operationId %q", name, op.OperationID)
			}
			o := &Operation{
				ID: op.OperationID, Method: method, Path: path,
				route:   &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
				schemas: schemas,
			}
			o.prepareFastPath()
			o.compileRequest()
			c.ops[op.OperationID] = o
			c.order = append(c.order, op.OperationID)
		}
	}
	sort.Strings(c.order)
	if name != "admin" {
		cat, err := loadCatalogue(name)
		if err != nil {
			return nil, err
		}
		c.Catalogue = cat
	}
	return c, nil
}

// loadDoc returns the document of contract name with its $refs resolved:
// built by its compiled form (compiled_docs.go) and resolved as kin-openapi's
// loader resolves what it parsed, so start-up parses no YAML (issue 15).
func loadDoc(name string) (*openapi3.T, error) {
	build, ok := compiledDocs[name]
	if !ok {
		return nil, fmt.Errorf("contracts: no document for %q", name)
	}
	doc := build()
	if err := openapi3.NewLoader().ResolveRefsIn(doc, nil); err != nil {
		return nil, fmt.Errorf("contracts: %s.yaml: %w", name, err)
	}
	return doc, nil
}

// loadYAML is what kin-openapi reads from the YAML document of name; the
// reference the compiled form is kept equal to.
func loadYAML(name string) (*openapi3.T, error) {
	data, err := files.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("contracts: no document for %q", name)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("contracts: %s.yaml: %w", name, err)
	}
	return doc, nil
}

// Operation returns the operation with the given operationId.
func (c *Contract) Operation(id string) (*Operation, bool) {
	op, ok := c.ops[id]
	return op, ok
}

// Operations lists the operations, sorted by id.
func (c *Contract) Operations() []*Operation {
	out := make([]*Operation, 0, len(c.order))
	for _, id := range c.order {
		out = append(out, c.ops[id])
	}
	return out
}

// OperationIDs lists the operationIds, sorted.
func (c *Contract) OperationIDs() []string { return slices.Clone(c.order) }
