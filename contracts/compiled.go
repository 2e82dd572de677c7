package contracts

import (
	"encoding/json"
	"errors"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"unicode/utf8"

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
// from several places compiles once).
type compiler struct {
	done       map[*openapi3.Schema]*node
	inProgress map[*openapi3.Schema]bool
}

func newCompiler() *compiler {
	return &compiler{done: map[*openapi3.Schema]*node{}, inProgress: map[*openapi3.Schema]bool{}}
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
	var err error
	if s.Not != nil {
		if n.not, err = c.compileRef(s.Not); err != nil {
			return nil, err
		}
	}
	if n.oneOf, err = c.compileRefs(s.OneOf); err != nil {
		return nil, err
	}
	if n.anyOf, err = c.compileRefs(s.AnyOf); err != nil {
		return nil, err
	}
	if n.allOf, err = c.compileRefs(s.AllOf); err != nil {
		return nil, err
	}
	n.xOf = len(n.oneOf)+len(n.anyOf)+len(n.allOf) > 0

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
	if s.Pattern != "" {
		re, err := regexp.Compile(intoGoRegexp(s.Pattern)) // kin's default engine
		if err != nil {
			return nil, errUnsupported
		}
		n.re = re
	}

	n.minItems, n.maxItems = s.MinItems, s.MaxItems
	if s.Items != nil {
		if n.items, err = c.compileRef(s.Items); err != nil {
			return nil, err
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
				return nil, err
			}
		}
	}
	ap := s.AdditionalProperties
	n.addlAllowed = ap.Has == nil || *ap.Has
	if ap.Schema != nil {
		if n.addl, err = c.compileRef(ap.Schema); err != nil {
			return nil, err
		}
	}
	n.minProps, n.maxProps = s.MinProps, s.MaxProps
	n.checkObjCount = s.MinProps != 0 || s.MaxProps != nil

	c.done[s] = n
	return n, nil
}

// As kin-openapi's intoGoRegexp: \uXXXX becomes \x{XXXX}.
var patRewriteCodepoints = regexp.MustCompile(`(?P<replaced_with_slash_x>\\u)(?P<code>[0-9A-F]{4})`)

func intoGoRegexp(re string) string {
	return patRewriteCodepoints.ReplaceAllString(re, `\x{${code}}`)
}

// ok reports whether v is valid, in the order kin-openapi's visitJSON
// checks (the order only matters where kin returns early with success).
func (n *node) ok(v any) bool {
	switch x := v.(type) {
	case nil:
		if n.nullOK {
			return true
		}
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	if n.empty {
		return v != nil // nil: not nullable (handled above)
	}
	if n.not != nil && n.not.ok(v) {
		return false
	}
	if n.xOf {
		if len(n.oneOf) > 0 {
			matched := 0
			for _, b := range n.oneOf {
				if b.ok(v) {
					matched++
					if matched > 1 {
						return false
					}
				}
			}
			if matched != 1 {
				return false
			}
		}
		if len(n.anyOf) > 0 {
			any := false
			for _, b := range n.anyOf {
				if b.ok(v) {
					any = true
					break
				}
			}
			if !any {
				return false
			}
		}
		for _, b := range n.allOf {
			if !b.ok(v) {
				return false
			}
		}
		if v == nil {
			return true
		}
	}
	if n.hasEnum && !n.inEnum(v) {
		return false
	}
	switch x := v.(type) {
	case nil:
		return false // not nullable
	case bool:
		return n.tBool
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return false
		}
		return n.number(f)
	case float64:
		return n.number(x)
	case string:
		return n.str(x)
	case []any:
		return n.array(x)
	case map[string]any:
		return n.object(x)
	}
	return false // other Go types: kin decides (visit re-walks with kin)
}

func (n *node) inEnum(v any) bool {
	if n.enumStr != nil {
		s, ok := v.(string)
		if !ok {
			return false
		}
		_, ok = n.enumStr[s]
		return ok
	}
	for _, e := range n.enum {
		if equalJSONValues(e, v) {
			return true
		}
	}
	return false
}

func (n *node) number(f float64) bool {
	if n.requireInteger {
		if f != math.Trunc(f) {
			return false
		}
		if n.intFmt != nil && validateIntegerFormat(n.intFmt, f) != nil {
			return false
		}
	} else {
		if !n.tNum {
			return false
		}
		if n.numFmt != nil && n.numFmt.Validate(f) != nil {
			return false
		}
	}
	if n.exMinSet && !(f > n.exMin) {
		return false
	}
	if n.exMaxSet && !(f < n.exMax) {
		return false
	}
	if n.min != nil && !(*n.min <= f) {
		return false
	}
	if n.max != nil && !(*n.max >= f) {
		return false
	}
	return true
}

// validateIntegerFormat is kin-openapi's: a float64 outside the int64 range
// would wrap on conversion, so it is rejected instead.
func validateIntegerFormat(validator openapi3.IntegerFormatValidator, value float64) error {
	switch {
	case value == float64(math.MaxInt64):
		return validator.Validate(math.MaxInt64)
	case value >= float64(math.MinInt64) && value < float64(math.MaxInt64):
		return validator.Validate(int64(value))
	default:
		return errOutOfInt64
	}
}

var errOutOfInt64 = errors.New("value out of int64 range")

func (n *node) str(s string) bool {
	if !n.tStr {
		return false
	}
	if n.checkLen {
		// kin counts UTF-16 units over the runes of a range loop; a Go rune
		// is never a surrogate, so that is the rune count.
		l := uint64(utf8.RuneCountInString(s))
		if n.minLen != 0 && l < n.minLen {
			return false
		}
		if n.maxLen != nil && l > *n.maxLen {
			return false
		}
	}
	if n.re != nil && !n.re.MatchString(s) {
		return false
	}
	if n.strFmt != nil && n.strFmt.Validate(s) != nil {
		return false
	}
	return true
}

func (n *node) array(a []any) bool {
	if !n.tArr {
		return false
	}
	l := uint64(len(a))
	if n.minItems != 0 && l < n.minItems {
		return false
	}
	if n.maxItems != nil && l > *n.maxItems {
		return false
	}
	if n.items != nil {
		for _, x := range a {
			if !n.items.ok(x) {
				return false
			}
		}
	}
	return true
}

func (n *node) object(m map[string]any) bool {
	if !n.tObj {
		return false
	}
	// required first: it is what rejects the other branches of a oneOf
	// envelope, and it is cheap.
	for _, k := range n.required {
		if _, ok := m[k]; !ok {
			return false
		}
	}
	if n.checkObjCount {
		l := uint64(len(m))
		if n.minProps != 0 && l < n.minProps {
			return false
		}
		if n.maxProps != nil && l > *n.maxProps {
			return false
		}
	}
	for k, v := range m {
		if n.props != nil {
			if p, ok := n.props[k]; ok {
				if !p.ok(v) {
					return false
				}
				continue
			}
		}
		if !n.addlAllowed {
			return false
		}
		if n.addl != nil && !n.addl.ok(v) {
			return false
		}
	}
	return true
}

// equalJSONValues is kin-openapi's enum comparison: numbers compare as
// float64 whatever their Go type (json.Number included).
func equalJSONValues(a, b any) bool {
	if x, ok := jsonNumberAsFloat64(a); ok {
		y, ok := jsonNumberAsFloat64(b)
		return ok && x == y
	}
	switch a := a.(type) {
	case []any:
		b, ok := b.([]any)
		return ok && slices.EqualFunc(a, b, equalJSONValues)
	case map[string]any:
		b, ok := b.(map[string]any)
		return ok && maps.EqualFunc(a, b, equalJSONValues)
	}
	return reflect.DeepEqual(a, b)
}

func jsonNumberAsFloat64(v any) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int8:
		return float64(v), true
	case int16:
		return float64(v), true
	case int32:
		return float64(v), true
	case int64:
		return float64(v), true
	case uint:
		return float64(v), true
	case uint8:
		return float64(v), true
	case uint16:
		return float64(v), true
	case uint32:
		return float64(v), true
	case uint64:
		return float64(v), true
	}
	return 0, false
}
