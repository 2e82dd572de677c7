package scenarios

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"go.yaml.in/yaml/v4"
)

//go:embed schema.json
var schemaJSON []byte

//go:embed default.yaml
var defaultYAML []byte

// DefaultSource names the embedded default in reports and /__admin/health.
const DefaultSource = "embedded default.yaml"

// DefaultYAML returns the embedded default scenario file.
func DefaultYAML() []byte { return bytes.Clone(defaultYAML) }

// Problem is one thing wrong with a scenario file.
type Problem struct {
	Path    string `json:"path"` // JSON pointer into the document
	Message string `json:"message"`
}

// LoadError lists every problem found, as `file: /json/pointer: message`.
type LoadError struct {
	Source   string    `json:"source"`
	Problems []Problem `json:"errors"`
}

func (e *LoadError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		path := p.Path
		if path == "" {
			path = "/"
		}
		fmt.Fprintf(&b, "%s: %s: %s", e.Source, path, p.Message)
	}
	return b.String()
}

// Checks are the semantic checks that need knowledge this package does not
// have (the contracts); a nil func skips its check.
type Checks struct {
	// CodeKnown reports whether code is in the provider's error catalogue.
	CodeKnown func(provider, code string) bool
	// OperationKnown reports whether operation is one of the provider's operations.
	OperationKnown func(provider, operation string) bool
	// MatcherValid reports a problem with one rule matcher, if any.
	MatcherValid func(raw json.RawMessage) error
}

var (
	compileOnce sync.Once
	compiled    *compiledSchema
	compileErr  error
)

// schema compiles the embedded schema.json at the first scenario file or
// fault body, not at start-up: the default scenario is compiled Go.
func schema() (*compiledSchema, error) {
	compileOnce.Do(func() { compiled, compileErr = compileSchema(schemaJSON) })
	return compiled, compileErr
}

// Load parses a YAML or JSON scenario, validates it against schema.json and
// the semantic checks, and applies defaults. A *LoadError lists every problem.
func Load(source string, data []byte, checks Checks) (*Scenario, error) {
	return load(source, data, checks, true)
}

func load(source string, data []byte, checks Checks, bySchema bool) (*Scenario, error) {
	fail := func(path, msg string) error {
		return &LoadError{Source: source, Problems: []Problem{{Path: path, Message: msg}}}
	}
	asJSON, err := yamlToJSON(source, data)
	if err != nil {
		return nil, err
	}
	if bySchema {
		if err := validateSchema(source, asJSON); err != nil {
			return nil, err
		}
	}
	// Decoded over the defaults: a key the file leaves out keeps its
	// default, a key it writes (zero included) is the value in force.
	sc := &Scenario{Seed: DefaultSeed, Settings: DefaultSettings()}
	dec := json.NewDecoder(bytes.NewReader(asJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(sc); err != nil {
		return nil, fail("", err.Error())
	}
	sc.Source = source
	applyCardDefaults(sc)
	if problems := check(sc, checks); len(problems) > 0 {
		return nil, &LoadError{Source: source, Problems: problems}
	}
	return sc, nil
}

// ParseDocument reads a YAML (so also JSON) document named source, with
// the problems a user sees when it is not one; scenario files and live
// profiles (testsuite/profile) are read this way.
func ParseDocument(source string, data []byte) (any, error) {
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &LoadError{Source: source, Problems: []Problem{{Message: "not YAML or JSON: " + err.Error()}}}
	}
	if doc == nil {
		return nil, &LoadError{Source: source, Problems: []Problem{{Message: "empty document"}}}
	}
	return doc, nil
}

// yamlToJSON is the first step of loading: the file (YAML, so JSON too)
// as JSON.
func yamlToJSON(source string, data []byte) ([]byte, error) {
	doc, err := ParseDocument(source, data)
	if err != nil {
		return nil, err
	}
	asJSON, err := json.Marshal(doc)
	if err != nil {
		return nil, &LoadError{Source: source, Problems: []Problem{{Message: "not representable as JSON: " + err.Error()}}}
	}
	return asJSON, nil
}

// Default returns the embedded default scenario, built by its compiled form
// (default_compiled.go, written by `go generate ./scenarios`; issue 15:
// parsing its YAML was most of a first sandbox.New) when there is one, so
// no YAML is parsed and no JSON Schema pass runs: TestCompiledDefaultMatchesYAML
// proves the compiled form is what Load reads from default.yaml, schema
// pass included. The semantic checks run here. Each call returns a fresh
// copy the caller may change.
func Default(checks Checks) (*Scenario, error) {
	if compiledDefault == nil { // before the first go generate
		return load(DefaultSource, defaultYAML, checks, false)
	}
	sc := compiledDefault()
	if problems := check(sc, checks); len(problems) > 0 {
		return nil, &LoadError{Source: DefaultSource, Problems: problems}
	}
	return sc, nil
}

// compiledDefault builds the default scenario; the init of the generated
// default_compiled.go sets it, so this package builds without that file,
// which scenarios/gen (importing this package) may need.
var compiledDefault func() *Scenario

// ptr is the generated file's way to point to a basic value.
func ptr[T any](v T) *T { return &v }

func validateSchema(source string, asJSON []byte) error {
	return validateAgainst(source, asJSON, func(c *compiledSchema) *schemaNode { return c.file })
}

// validateAgainst checks a JSON document against one of the compiled
// schemas (which, picked once schema.json has compiled).
func validateAgainst(source string, asJSON []byte, which func(*compiledSchema) *schemaNode) error {
	doc, err := decodeJSON(asJSON)
	if err != nil {
		return &LoadError{Source: source, Problems: []Problem{{Message: err.Error()}}}
	}
	c, err := schema()
	if err != nil {
		return fmt.Errorf("scenarios: schema.json does not compile: %w", err)
	}
	if problems := schemaProblems(which(c), doc); problems != nil {
		return &LoadError{Source: source, Problems: problems}
	}
	return nil
}

// decodeJSON reads one JSON value, numbers as json.Number (exact), and
// words its errors as they were worded before issue 15.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid character after top-level value")
	}
	return doc, nil
}

func escape(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}

// JSON returns the scenario as JSON that Load accepts unchanged (D-9).
func (s *Scenario) JSON() ([]byte, error) { return json.MarshalIndent(s, "", "  ") }
