package contracts

import (
	"errors"
	"reflect"
	"regexp"

	"github.com/getkin/kin-openapi/openapi3"
)

// A node is one schema compiled for validating a value decoded by
// encoding/json with UseNumber. node.ok accepts exactly what kin-openapi's
// (*openapi3.Schema).VisitJSON accepts for the same schema under
// VisitAsRequest or VisitAsResponse (OpenAPI 3.0 semantics), for the
// keywords compile supports; a schema using any other keyword does not
// compile and keeps being walked by kin-openapi. Everything that kin
// derives from the schema on every visit (IsEmpty, type permissions, format
// validators, compiled patterns, exclusive bounds) is derived once here.
//
// Nodes are immutable once built and safe for concurrent use.
type node struct {
	nullOK bool // nullable (or type includes null): null is accepted first thing
	empty  bool // the schema is {} (kin's IsEmpty): any non-null value is accepted

	not   *node
	oneOf []*node
	anyOf []*node
	allOf []*node
	xOf   bool // any of oneOf/anyOf/allOf is present

	enum    []any
	enumStr map[string]struct{} // the enum when every member is a string
	hasEnum bool

	tBool, tStr, tArr, tObj bool
	tNum                    bool // integer or number permitted
	requireInteger          bool // integer permitted but not number
	intFmt                  openapi3.IntegerFormatValidator
	numFmt                  openapi3.NumberFormatValidator
	strFmt                  openapi3.StringFormatValidator

	exMinSet, exMaxSet bool
	exMin, exMax       float64
	min, max           *float64

	checkLen bool
	minLen   uint64
	maxLen   *uint64
	re       *regexp.Regexp

	minItems uint64
	maxItems *uint64
	items    *node

	required      []string
	props         map[string]*node // nil when the schema has no properties
	addlAllowed   bool
	addl          *node
	minProps      uint64
	maxProps      *uint64
	checkObjCount bool
}

var errUnsupported = errors.New("contracts: schema uses a keyword the compiled validator does not support")

// compiler builds nodes, sharing one node per schema (a schema referenced
// from several places compiles once) and one regexp per pattern. Whether a
// schema compiles does not depend on where it is reached from (a cycle
// through it fails from anywhere), so one compiler serves a whole contract.
type compiler struct {
	done       map[*openapi3.Schema]*node
	inProgress map[*openapi3.Schema]bool
	patterns   map[string]*regexp.Regexp
}

func newCompiler() *compiler {
	return &compiler{done: map[*openapi3.Schema]*node{}, inProgress: map[*openapi3.Schema]bool{}, patterns: map[string]*regexp.Regexp{}}
}

// compileSchema compiles s, or returns errUnsupported.
func compileSchema(s *openapi3.Schema) (*node, error) {
	return newCompiler().compile(s)
}

// supportedOnly reports whether s sets nothing but the keywords compile
// handles and annotations that do not affect validation. It zeroes those on
// a copy and checks nothing is left, so a keyword this file does not know of
// (including any kin-openapi adds later) makes the schema unsupported.
func supportedOnly(s *openapi3.Schema) bool {
	c := *s
	// annotations: no effect on VisitJSON without defaults being set
	c.Extensions, c.Origin, c.Title, c.Description, c.Default, c.Example, c.ExternalDocs, c.Deprecated, c.XML =
		nil, nil, "", "", nil, nil, nil, false, nil
	// handled keywords
	c.OneOf, c.AnyOf, c.AllOf, c.Not, c.Type, c.Format, c.Enum = nil, nil, nil, nil, nil, "", nil
	c.ExclusiveMin, c.ExclusiveMax, c.Nullable, c.Min, c.Max = openapi3.ExclusiveBound{}, openapi3.ExclusiveBound{}, false, nil, nil
	c.MinLength, c.MaxLength, c.Pattern = 0, nil, ""
	c.MinItems, c.MaxItems, c.Items = 0, nil, nil
	c.Required, c.Properties, c.MinProps, c.MaxProps, c.AdditionalProperties = nil, nil, 0, nil, openapi3.AdditionalProperties{}
	return reflect.ValueOf(c).IsZero()
}

func (c *compiler) compileRef(r *openapi3.SchemaRef) (*node, error) {
	if r == nil || r.Value == nil {
		return nil, errUnsupported // kin reports an unresolved ref
	}
	return c.compile(r.Value)
}

func (c *compiler) compileRefs(rs openapi3.SchemaRefs) ([]*node, error) {
	out := make([]*node, 0, len(rs))
	for _, r := range rs {
		n, err := c.compileRef(r)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func (c *compiler) compile(s *openapi3.Schema) (*node, error) {
	if n, ok := c.done[s]; ok {
		return n, nil
	}
	if c.inProgress[s] || !supportedOnly(s) {
		// A recursive schema (kin's visitedSchemas cycle rule) is left to kin.
		return nil, errUnsupported
	}
	c.inProgress[s] = true
	defer delete(c.inProgress, s)

	n := &node{
		nullOK: s.PermitsNull(openapi3.VisitAsRequest()),
		empty:  s.IsEmpty(),
	}
	if err := c.compileComposition(n, s); err != nil {
		return nil, err
	}
	compileScalar(n, s)
	if err := c.compilePattern(n, s); err != nil {
		return nil, err
	}
	if err := c.compileContainers(n, s); err != nil {
		return nil, err
	}
	c.done[s] = n
	return n, nil
}

// compileComposition: not, oneOf, anyOf, allOf.
func (c *compiler) compileComposition(n *node, s *openapi3.Schema) error {
	var err error
	if s.Not != nil {
		if n.not, err = c.compileRef(s.Not); err != nil {
			return err
		}
	}
	if n.oneOf, err = c.compileRefs(s.OneOf); err != nil {
		return err
	}
	if n.anyOf, err = c.compileRefs(s.AnyOf); err != nil {
		return err
	}
	if n.allOf, err = c.compileRefs(s.AllOf); err != nil {
		return err
	}
	n.xOf = len(n.oneOf)+len(n.anyOf)+len(n.allOf) > 0
	return nil
}

// compileScalar: enum, type, format, numeric bounds, string lengths.
func compileScalar(n *node, s *openapi3.Schema) {
	if len(s.Enum) > 0 {
		n.hasEnum = true
		n.enum = s.Enum
		strs := map[string]struct{}{}
		for _, e := range s.Enum {
			str, ok := e.(string)
			if !ok {
				strs = nil
				break
			}
			strs[str] = struct{}{}
		}
		n.enumStr = strs
	}

	t := s.Type
	n.tBool = t.Permits(openapi3.TypeBoolean)
	n.tStr = t.Permits(openapi3.TypeString)
	n.tArr = t.Permits(openapi3.TypeArray)
	n.tObj = t.Permits(openapi3.TypeObject)
	n.tNum = t.Permits(openapi3.TypeInteger) || t.Permits(openapi3.TypeNumber)
	n.requireInteger = t.Permits(openapi3.TypeInteger) && !t.Permits(openapi3.TypeNumber)
	if f := s.Format; f != "" {
		n.intFmt = openapi3.SchemaIntegerFormats[f]
		n.numFmt = openapi3.SchemaNumberFormats[f]
		n.strFmt = openapi3.SchemaStringFormats[f]
	}

	if eb := s.ExclusiveMin; eb.Value != nil {
		n.exMinSet, n.exMin = true, *eb.Value
	} else if eb.Bool != nil && *eb.Bool && s.Min != nil {
		n.exMinSet, n.exMin = true, *s.Min
	}
	if eb := s.ExclusiveMax; eb.Value != nil {
		n.exMaxSet, n.exMax = true, *eb.Value
	} else if eb.Bool != nil && *eb.Bool && s.Max != nil {
		n.exMaxSet, n.exMax = true, *s.Max
	}
	n.min, n.max = s.Min, s.Max

	n.minLen, n.maxLen = s.MinLength, s.MaxLength
	n.checkLen = s.MinLength != 0 || s.MaxLength != nil
}

func (c *compiler) compilePattern(n *node, s *openapi3.Schema) error {
	if s.Pattern == "" {
		return nil
	}
	if re, ok := c.patterns[s.Pattern]; ok {
		n.re = re
		return nil
	}
	re, err := regexp.Compile(intoGoRegexp(s.Pattern)) // kin's default engine
	if err != nil {
		return errUnsupported
	}
	c.patterns[s.Pattern], n.re = re, re
	return nil
}

// compileContainers: items, properties, additionalProperties and counts.
func (c *compiler) compileContainers(n *node, s *openapi3.Schema) error {
	var err error
	n.minItems, n.maxItems = s.MinItems, s.MaxItems
	if s.Items != nil {
		if n.items, err = c.compileRef(s.Items); err != nil {
			return err
		}
	}

	n.required = s.Required
	if s.Properties != nil {
		n.props = make(map[string]*node, len(s.Properties))
		for k, r := range s.Properties {
			if r == nil {
				continue // kin: a nil entry is as if absent
			}
			if n.props[k], err = c.compileRef(r); err != nil {
				return err
			}
		}
	}
	ap := s.AdditionalProperties
	n.addlAllowed = ap.Has == nil || *ap.Has
	if ap.Schema != nil {
		if n.addl, err = c.compileRef(ap.Schema); err != nil {
			return err
		}
	}
	n.minProps, n.maxProps = s.MinProps, s.MaxProps
	n.checkObjCount = s.MinProps != 0 || s.MaxProps != nil
	return nil
}

// As kin-openapi's intoGoRegexp: \uXXXX becomes \x{XXXX}.
var patRewriteCodepoints = regexp.MustCompile(`(?P<replaced_with_slash_x>\\u)(?P<code>[0-9A-F]{4})`)

func intoGoRegexp(re string) string {
	return patRewriteCodepoints.ReplaceAllString(re, `\x{${code}}`)
}

// ok reports whether v is valid, in the order kin-openapi's visitJSON
// checks (the order only matters where kin returns early with success).
