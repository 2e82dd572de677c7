// Package schemaref validates with jsonschema/v6, the complete JSON Schema
// validator, and reports its errors as scenarios.Problem: the live profile
// (testsuite/profile) checks its schema.json with it, and the scenario
// loader's own validator (which the mockserver links instead: issue 15,
// jsonschema/v6's init alone cost 7.7 ms of start-up) is held to it, word
// for word, by scenarios' agreement test. The mockserver must not import
// this package.
package schemaref

import (
	"bytes"
	"sort"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/paysandbox/paysandbox/scenarios"
)

// Schema is one compiled schema.
type Schema struct{ s *jsonschema.Schema }

// Compile compiles schemaJSON, known as url, and returns the schema at
// fragment ("" for the root, "#/$defs/x" for a definition). assertFormat
// makes format an assertion (scenarios) rather than an annotation.
func Compile(schemaJSON []byte, url, fragment string, assertFormat bool) (*Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaJSON))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if assertFormat {
		c.AssertFormat()
	}
	if err := c.AddResource(url, doc); err != nil {
		return nil, err
	}
	s, err := c.Compile(url + fragment)
	if err != nil {
		return nil, err
	}
	return &Schema{s}, nil
}

// Problems validates a JSON document: nil when it is valid, else what is
// wrong (a document that is not JSON: one problem saying why).
func (s *Schema) Problems(asJSON []byte) []scenarios.Problem {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(asJSON))
	if err != nil {
		return []scenarios.Problem{{Message: err.Error()}}
	}
	if err := s.s.Validate(inst); err != nil {
		if verr, ok := err.(*jsonschema.ValidationError); ok {
			return Problems(verr)
		}
		return []scenarios.Problem{{Message: err.Error()}}
	}
	return nil
}

var printer = message.NewPrinter(language.English)

// Problems flattens jsonschema/v6's tree of errors into its leaves, each
// once, sorted by path; an unknown key is reported at its own path as
// "unknown key".
func Problems(root *jsonschema.ValidationError) []scenarios.Problem {
	seen := map[scenarios.Problem]bool{}
	var out []scenarios.Problem
	add := func(p scenarios.Problem) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) > 0 {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		path := pointer(e.InstanceLocation)
		if ap, ok := e.ErrorKind.(*kind.AdditionalProperties); ok {
			for _, p := range ap.Properties {
				add(scenarios.Problem{Path: pointer(append(e.InstanceLocation, p)), Message: "unknown key"})
			}
			return
		}
		add(scenarios.Problem{Path: path, Message: e.ErrorKind.LocalizedString(printer)})
	}
	walk(root)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// pointer is written here again rather than taken from scenarios: the
// reference stays apart from what it checks.
func pointer(tokens []string) string {
	var b strings.Builder
	for _, t := range tokens {
		b.WriteByte('/')
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}
