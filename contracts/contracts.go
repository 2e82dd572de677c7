package contracts

//go:generate go run ./gen

import (
	"embed"
	"fmt"
	"slices"
	"sync"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

//go:embed *.yaml errors
var files embed.FS

// Providers is every provider paysandbox knows, in mount order.
var Providers = []string{"anorbank", "aloqa", "paysys", "requisites"}

// Contract is one provider's operations, compiled
// from its document, with its error catalogue.
type Contract struct {
	Name      string
	Catalogue *Catalogue
	ops       map[string]*Operation
	order     []string
}

// Operation is one documented operation, compiled from the document by
// `go generate ./contracts` (ops_<name>.go): what the server checks of its
// requests and, in -strict, of its responses.
type Operation struct {
	ID     string
	Method string
	Path   string // relative to the provider's mount prefix, with {params}

	params       []param // required header and query parameters (presence only)
	hasBody      bool    // the operation takes a request body
	bodyRequired bool
	otherMedia   bool                 // the body may also be a non-JSON media type, which is not checked
	body         *schema.Node         // nil: any JSON body
	responses    map[string]*response // by the document's key: "200", "4XX", "default"
	methods      []string             // JSON-RPC methods, sorted
}

type param struct{ name, in string }

// response is a documented response: its headers, and no content or JSON
// with a schema (nil: any JSON).
type response struct {
	headers []header // sorted by name
	content bool
	schema  *schema.Node
}

// header is a documented response header, a plain string checked against
// schema when present.
type header struct {
	name     string
	required bool
	schema   *schema.Node
}

// compiledOps builds each contract's operations; the init of each generated
// ops_<name>.go registers its builder, so the package builds without them
// (contracts/gen imports it).
var compiledOps = map[string]func() []*Operation{}

// ptr is the generated files' way to point to a basic value.
func ptr[T any](v T) *T { return &v }

// cache holds one entry per contract name, each built once.
var (
	cacheMu sync.Mutex
	cache   = map[string]*cacheEntry{}
)

type cacheEntry struct {
	once sync.Once
	c    *Contract
	err  error
}

// Load returns the contract of provider name (one of Providers), built once
// per process. The control API's document (admin.yaml) is not compiled:
// the server does not validate its own control API against it; tests read
// it with contracts/spec.
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
	build, ok := compiledOps[name]
	if !ok {
		return nil, fmt.Errorf("contracts: no document for %q (run go generate ./contracts)", name)
	}
	c := &Contract{Name: name, ops: map[string]*Operation{}}
	for _, op := range build() {
		c.ops[op.ID] = op
		c.order = append(c.order, op.ID) // generated sorted by id
	}
	cat, err := loadCatalogue(name)
	if err != nil {
		return nil, err
	}
	c.Catalogue = cat
	return c, nil
}

// Source is the OpenAPI document of contract name as written (YAML), for
// tools that read it with kin-openapi (contracts/spec).
func Source(name string) ([]byte, error) {
	data, err := files.ReadFile(name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("contracts: no document for %q", name)
	}
	return data, nil
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
