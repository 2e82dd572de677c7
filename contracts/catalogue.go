package contracts

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v4"
)

// Catalogue is a provider's documented errors, in source order.
type Catalogue struct {
	Provider string  `yaml:"provider"`
	Entries  []Entry `yaml:"entries"`
	byCode   map[string]int
}

// Entry is one documented error. See errors/FORMAT.md.
type Entry struct {
	Code     string            `yaml:"code"`
	Status   int               `yaml:"status"`
	Title    string            `yaml:"title,omitempty"`
	Messages map[string]string `yaml:"messages"`
	Class    string            `yaml:"class,omitempty"`
	Trigger  string            `yaml:"trigger,omitempty"`
	// Handling is what a client must do about the error: retry, ask-user,
	// query-status, fix-request or give-up (error coverage groups by it).
	Handling string `yaml:"handling,omitempty"`
}

// Handlings are what a client can be told to do about an error, the most
// careful first: the operation may have happened (query its status), try
// again later, ask the user (another card, code or amount), stop for good,
// or fix the request (a bug or a configuration error in the client).
var Handlings = []string{"query-status", "retry", "ask-user", "give-up", "fix-request"}

// Lookup returns the entry for code.
func (c *Catalogue) Lookup(code string) (Entry, bool) {
	i, ok := c.byCode[code]
	if !ok {
		return Entry{}, false
	}
	return c.Entries[i], true
}

// Has reports whether code is documented.
func (c *Catalogue) Has(code string) bool { _, ok := c.byCode[code]; return ok }

// Codes lists the codes in source order.
func (c *Catalogue) Codes() []string {
	out := make([]string, len(c.Entries))
	for i, e := range c.Entries {
		out[i] = e.Code
	}
	return out
}

// LoadCatalogue returns the provider's catalogue (loaded with its contract).
func LoadCatalogue(provider string) (*Catalogue, error) {
	c, err := Load(provider)
	if err != nil {
		return nil, err
	}
	return c.Catalogue, nil
}

// compiledCatalogues build each provider's catalogue without parsing YAML
// (catalogue_<name>.go, written by `go generate` from errors/<name>.yaml
// and registered by its init; issue 15). TestCompiledCataloguesMatchYAML
// keeps every one equal to ParseCatalogue's reading of its YAML.
var compiledCatalogues = map[string]func() *Catalogue{}

// loadCatalogue builds the provider's catalogue from its compiled form,
// with the checks ParseCatalogue makes; the YAML is parsed only while a
// catalogue has no compiled form (before its first go generate).
func loadCatalogue(provider string) (*Catalogue, error) {
	if build, ok := compiledCatalogues[provider]; ok {
		return index(provider, build())
	}
	data, err := files.ReadFile("errors/" + provider + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("contracts: no error catalogue for %q", provider)
	}
	return ParseCatalogue(provider, data)
}

// ParseCatalogue reads and checks the error catalogue of provider written
// as errors/FORMAT.md describes (data is errors/<provider>.yaml). The
// server loads the compiled form; contracts/gen compiles this.
func ParseCatalogue(provider string, data []byte) (*Catalogue, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	cat := &Catalogue{}
	if err := dec.Decode(cat); err != nil {
		return nil, fmt.Errorf("contracts: errors/%s.yaml: %w", provider, err)
	}
	return index(provider, cat)
}

// Compilable is the catalogue as written, without its index: what
// contracts/gen compiles (the index is rebuilt at load).
func (c *Catalogue) Compilable() *Catalogue {
	return &Catalogue{Provider: c.Provider, Entries: c.Entries}
}

// index checks cat, the catalogue of provider, and indexes it by code.
func index(provider string, cat *Catalogue) (*Catalogue, error) {
	if cat.Provider != provider {
		return nil, fmt.Errorf("contracts: errors/%s.yaml names provider %q", provider, cat.Provider)
	}
	cat.byCode = make(map[string]int, len(cat.Entries))
	for i, e := range cat.Entries {
		if e.Code == "" || e.Status == 0 || len(e.Messages) == 0 {
			return nil, fmt.Errorf("contracts: errors/%s.yaml: entry %d lacks code, status or messages", provider, i)
		}
		if !slices.Contains(Handlings, e.Handling) {
			return nil, fmt.Errorf("contracts: errors/%s.yaml: %q: handling %q, want one of %v", provider, e.Code, e.Handling, Handlings)
		}
		if _, dup := cat.byCode[e.Code]; dup {
			return nil, fmt.Errorf("contracts: errors/%s.yaml: duplicate code %q", provider, e.Code)
		}
		cat.byCode[e.Code] = i
	}
	return cat, nil
}
