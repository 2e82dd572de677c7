package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
)

// schemaNode is one compiled schema of schema.json: exactly the JSON
// Schema 2020-12 keywords that file uses (issue 15: the binary does not
// link a general validator, whose init alone cost 7.7 ms). compileSchema
// refuses any other keyword, so a schema.json that grows one fails every
// test that loads a scenario instead of being silently ignored.
type schemaNode struct {
	at string // JSON pointer into schema.json, for compile errors

	types     jsonType // 0: any
	wantTypes string   // "string or integer", for the type message

	hasConst     bool
	constValue   any
	constMessage string
	enum         []any
	enumMessage  string
	dateTime     bool // format: date-time

	ref *schemaNode

	minimum, maximum, exclusiveMinimum *big.Rat

	minLength, minItems, minProperties, maxProperties int // -1: absent
	uniqueItems                                       bool
	pattern                                           *regexp.Regexp

	required     []string
	properties   map[string]*schemaNode
	additional   *schemaNode // additionalProperties as a schema
	noAdditional bool        // additionalProperties: false
	items        *schemaNode

	anyOf      []*schemaNode
	ifSchema   *schemaNode
	thenSchema *schemaNode
	refTarget  string // $ref as written, until compileSchema resolves it
}

// compiledSchema is schema.json compiled: the scenario file's schema and
// the POST /__admin/faults body's ($defs/fault).
type compiledSchema struct {
	file, fault *schemaNode
}

const draft202012 = "https://json-schema.org/draft/2020-12/schema"

// keywordGroup compiles kw into n if kw is one of its keywords (taken).
type keywordGroup func(n *schemaNode, kw string, v any, at string) (taken bool, err error)

type schemaCompiler struct {
	groups []keywordGroup
	defs   map[string]*schemaNode
	refs   []*schemaNode // nodes whose refTarget is still to resolve
	all    []*schemaNode
}

func compileSchema(src []byte) (*compiledSchema, error) {
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber() // const and enum numbers keep the text they are written as
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("schema.json: %w", err)
	}
	if doc["$schema"] != draft202012 {
		return nil, fmt.Errorf("schema.json: $schema is %v; this validator implements %s", doc["$schema"], draft202012)
	}
	c := &schemaCompiler{defs: map[string]*schemaNode{}}
	c.groups = []keywordGroup{c.annotation, compileValueKeyword, compileBound, c.objectKeyword, c.arrayKeyword, c.applicator}
	defs, _ := doc["$defs"].(map[string]any)
	for _, name := range sortedKeys(defs) {
		n, err := c.node(defs[name], "/$defs/"+escape(name))
		if err != nil {
			return nil, err
		}
		c.defs[name] = n
	}
	root, err := c.node(doc, "")
	if err != nil {
		return nil, err
	}
	for _, n := range c.refs {
		name, ok := strings.CutPrefix(n.refTarget, "#/$defs/")
		if n.ref = c.defs[name]; !ok || n.ref == nil {
			return nil, fmt.Errorf("schema.json%s: $ref %q is not #/$defs/<a definition>", n.at, n.refTarget)
		}
	}
	if err := refuseCycles(c.all); err != nil {
		return nil, err
	}
	fault := c.defs["fault"]
	if fault == nil {
		return nil, fmt.Errorf("schema.json: no $defs/fault")
	}
	return &compiledSchema{file: root, fault: fault}, nil
}

// node compiles one schema object: each keyword is taken by one of the
// keyword groups, and one none of them takes is refused.
func (c *schemaCompiler) node(raw any, at string) (*schemaNode, error) {
	obj, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema.json%s: a schema must be an object here, not %T", at, raw)
	}
	n := &schemaNode{at: at, minLength: -1, minItems: -1, minProperties: -1, maxProperties: -1}
	c.all = append(c.all, n)
	for kw, v := range obj {
		kwAt := at + "/" + escape(kw)
		var taken bool
		var err error
		for _, group := range c.groups {
			if taken, err = group(n, kw, v, kwAt); taken || err != nil {
				break
			}
		}
		if err != nil {
			return nil, err
		}
		if !taken {
			return nil, fmt.Errorf("schema.json%s: keyword %q is not implemented by the scenario validator (scenarios/schema_*.go)", kwAt, kw)
		}
	}
	return n, nil
}

// annotation takes the keywords that do not validate; $schema, $id and
// $defs only at the root, where compileSchema reads them.
func (c *schemaCompiler) annotation(n *schemaNode, kw string, v any, at string) (bool, error) {
	switch kw {
	case "title", "description", "$comment":
		return true, nil
	case "$schema", "$id", "$defs":
		if n.at != "" {
			return true, fmt.Errorf("schema.json%s: %s only at the root", at, kw)
		}
		return true, nil
	}
	return false, nil
}

func compileValueKeyword(n *schemaNode, kw string, v any, at string) (bool, error) {
	switch kw {
	case "type":
		t, err := compileTypes(v, at)
		n.types, n.wantTypes = t, t.String()
		return true, err
	case "const":
		n.hasConst, n.constValue, n.constMessage = true, v, constMessage(v)
		return true, nil
	case "enum":
		values, ok := v.([]any)
		if !ok || len(values) == 0 {
			return true, fmt.Errorf("schema.json%s: enum must be a non-empty array", at)
		}
		n.enum, n.enumMessage = values, enumMessage(values)
		return true, nil
	case "format":
		if v != "date-time" {
			return true, fmt.Errorf("schema.json%s: format %v is not implemented (only date-time)", at, v)
		}
		n.dateTime = true
		return true, nil
	case "pattern":
		s, ok := v.(string)
		re, err := regexp.Compile(s)
		if !ok || err != nil {
			return true, fmt.Errorf("schema.json%s: pattern %v: %v", at, v, err)
		}
		n.pattern = re
		return true, nil
	}
	return false, nil
}

// compileBound takes the numeric keywords: bounds on numbers (big.Rat, as
// exact as the JSON text) and on counts (non-negative integers).
func compileBound(n *schemaNode, kw string, v any, at string) (bool, error) {
	var bound **big.Rat
	var count *int
	switch kw {
	case "minimum":
		bound = &n.minimum
	case "maximum":
		bound = &n.maximum
	case "exclusiveMinimum":
		bound = &n.exclusiveMinimum
	case "minLength":
		count = &n.minLength
	case "minItems":
		count = &n.minItems
	case "minProperties":
		count = &n.minProperties
	case "maxProperties":
		count = &n.maxProperties
	case "uniqueItems":
		b, ok := v.(bool)
		if !ok {
			return true, fmt.Errorf("schema.json%s: uniqueItems must be true or false", at)
		}
		n.uniqueItems = b
		return true, nil
	default:
		return false, nil
	}
	num, _ := v.(json.Number)
	if bound != nil {
		r, ok := new(big.Rat).SetString(string(num))
		if !ok {
			return true, fmt.Errorf("schema.json%s: %s must be a number", at, kw)
		}
		*bound = r
		return true, nil
	}
	i, err := num.Int64()
	if err != nil || i < 0 {
		return true, fmt.Errorf("schema.json%s: %s must be a non-negative integer", at, kw)
	}
	*count = int(i)
	return true, nil
}

func (c *schemaCompiler) objectKeyword(n *schemaNode, kw string, v any, at string) (bool, error) {
	switch kw {
	case "properties":
		props, ok := v.(map[string]any)
		if !ok {
			return true, fmt.Errorf("schema.json%s: properties must be an object", at)
		}
		n.properties = make(map[string]*schemaNode, len(props))
		for name, sub := range props {
			p, err := c.node(sub, at+"/"+escape(name))
			if err != nil {
				return true, err
			}
			n.properties[name] = p
		}
		return true, nil
	case "additionalProperties":
		if b, ok := v.(bool); ok {
			n.noAdditional = !b
			return true, nil
		}
		var err error
		n.additional, err = c.node(v, at)
		return true, err
	case "required":
		list, ok := v.([]any)
		for _, name := range list {
			s, isString := name.(string)
			ok = ok && isString
			n.required = append(n.required, s)
		}
		if !ok {
			return true, fmt.Errorf("schema.json%s: required must be an array of names", at)
		}
		return true, nil
	}
	return false, nil
}

func (c *schemaCompiler) arrayKeyword(n *schemaNode, kw string, v any, at string) (bool, error) {
	if kw != "items" {
		return false, nil
	}
	var err error
	n.items, err = c.node(v, at)
	return true, err
}

func (c *schemaCompiler) applicator(n *schemaNode, kw string, v any, at string) (bool, error) {
	var err error
	switch kw {
	case "$ref":
		s, ok := v.(string)
		if !ok {
			return true, fmt.Errorf("schema.json%s: $ref must be a string", at)
		}
		n.refTarget = s
		c.refs = append(c.refs, n)
	case "anyOf":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return true, fmt.Errorf("schema.json%s: anyOf must be a non-empty array", at)
		}
		for i, sub := range list {
			var s *schemaNode
			if s, err = c.node(sub, fmt.Sprintf("%s/%d", at, i)); err != nil {
				return true, err
			}
			n.anyOf = append(n.anyOf, s)
		}
	case "if":
		n.ifSchema, err = c.node(v, at)
	case "then":
		n.thenSchema, err = c.node(v, at)
	default:
		return false, nil
	}
	return true, err
}

// refuseCycles refuses a schema that can apply itself again at the same
// instance location ($ref, anyOf, if/then): validating it would not end.
func refuseCycles(all []*schemaNode) error {
	const visiting, done = 1, 2
	state := map[*schemaNode]int{}
	var visit func(n *schemaNode) error
	visit = func(n *schemaNode) error {
		switch state[n] {
		case visiting:
			return fmt.Errorf("schema.json%s: applies itself again at the same place (a $ref cycle)", n.at)
		case done:
			return nil
		}
		state[n] = visiting
		for _, s := range append([]*schemaNode{n.ref, n.ifSchema, n.thenSchema}, n.anyOf...) {
			if s != nil {
				if err := visit(s); err != nil {
					return err
				}
			}
		}
		state[n] = done
		return nil
	}
	for _, n := range all {
		if err := visit(n); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
