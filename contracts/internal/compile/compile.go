// Package compile turns kin-openapi's reading of a contract into the
// compiled schemas (contracts/schema) and operations the server runs on.
// Only the generator (contracts/gen) and tests import it: kin-openapi stays
// out of the server binary (issue 15).
package compile

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

// ErrUnsupported: the schema uses a keyword schema.Node does not hold.
var ErrUnsupported = errors.New("compile: schema uses a keyword the compiled validator does not support")

// Compiler builds nodes, one per schema (a schema referenced from several
// places compiles once, so the generated code shares it too).
type Compiler struct {
	done       map[*openapi3.Schema]*schema.Node
	inProgress map[*openapi3.Schema]bool
}

func New() *Compiler {
	return &Compiler{done: map[*openapi3.Schema]*schema.Node{}, inProgress: map[*openapi3.Schema]bool{}}
}

// Schema compiles s on its own.
func Schema(s *openapi3.Schema) (*schema.Node, error) { return New().Compile(s) }

// supportedOnly reports whether s sets nothing but the keywords Compile
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

func (c *Compiler) ref(r *openapi3.SchemaRef) (*schema.Node, error) {
	if r == nil || r.Value == nil {
		return nil, ErrUnsupported // kin reports an unresolved ref
	}
	return c.Compile(r.Value)
}

func (c *Compiler) refs(rs openapi3.SchemaRefs) ([]*schema.Node, error) {
	var out []*schema.Node
	for _, r := range rs {
		n, err := c.ref(r)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// Compile compiles s, or returns ErrUnsupported.
func (c *Compiler) Compile(s *openapi3.Schema) (*schema.Node, error) {
	if n, ok := c.done[s]; ok {
		return n, nil
	}
	if c.inProgress[s] || !supportedOnly(s) {
		return nil, ErrUnsupported // a recursive schema among them
	}
	c.inProgress[s] = true
	defer delete(c.inProgress, s)

	n := &schema.Node{NullOK: s.PermitsNull(openapi3.VisitAsRequest()), Empty: s.IsEmpty()}
	var err error
	if s.Not != nil {
		if n.Not, err = c.ref(s.Not); err != nil {
			return nil, err
		}
	}
	if n.OneOf, err = c.refs(s.OneOf); err != nil {
		return nil, err
	}
	if n.AnyOf, err = c.refs(s.AnyOf); err != nil {
		return nil, err
	}
	if n.AllOf, err = c.refs(s.AllOf); err != nil {
		return nil, err
	}
	if err := scalar(n, s); err != nil {
		return nil, err
	}
	if err := c.containers(n, s); err != nil {
		return nil, err
	}
	c.done[s] = n
	return n, nil
}

// scalar: enum, type, format, numeric bounds, string lengths and pattern.
func scalar(n *schema.Node, s *openapi3.Schema) error {
	if len(s.Enum) > 0 {
		n.HasEnum, n.Enum = true, slices.Clone(s.Enum)
		strs := map[string]struct{}{}
		for _, e := range s.Enum {
			str, ok := e.(string)
			if !ok {
				strs = nil
				break
			}
			strs[str] = struct{}{}
		}
		n.EnumStr = strs
		b, err := json.Marshal(s.Enum)
		if err != nil {
			return fmt.Errorf("%w: enum: %v", ErrUnsupported, err)
		}
		n.EnumJSON = string(b)
	}
	t := s.Type
	if t != nil {
		n.Types = slices.Clone(*t)
		if n.Types == nil {
			n.Types = []string{}
		}
	}
	n.Bool, n.Str = t.Permits(openapi3.TypeBoolean), t.Permits(openapi3.TypeString)
	n.Arr, n.Obj = t.Permits(openapi3.TypeArray), t.Permits(openapi3.TypeObject)
	n.Num = t.Permits(openapi3.TypeInteger) || t.Permits(openapi3.TypeNumber)
	n.RequireInteger = t.Permits(openapi3.TypeInteger) && !t.Permits(openapi3.TypeNumber)
	if err := format(n, s.Format); err != nil {
		return err
	}
	if eb := s.ExclusiveMin; eb.Value != nil {
		n.ExMin = ptr(*eb.Value)
	} else if eb.Bool != nil && *eb.Bool && s.Min != nil {
		n.ExMin = ptr(*s.Min)
	}
	if eb := s.ExclusiveMax; eb.Value != nil {
		n.ExMax = ptr(*eb.Value)
	} else if eb.Bool != nil && *eb.Bool && s.Max != nil {
		n.ExMax = ptr(*s.Max)
	}
	n.Min, n.Max = s.Min, s.Max
	n.MinLen, n.MaxLen = s.MinLength, s.MaxLength
	if s.Pattern != "" {
		goPattern := intoGoRegexp(s.Pattern)
		if _, err := regexp.Compile(goPattern); err != nil { // kin's default engine
			return fmt.Errorf("%w: pattern %q: %v", ErrUnsupported, s.Pattern, err)
		}
		n.Pattern = s.Pattern
		if goPattern != s.Pattern {
			n.GoPattern = goPattern
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// format keeps a format kin-openapi checks for a value the node permits;
// kin ignores a format it has no validator for, and so does the node.
func format(n *schema.Node, f string) error {
	if f == "" {
		return nil
	}
	_, kinInt := openapi3.SchemaIntegerFormats[f]
	_, kinNum := openapi3.SchemaNumberFormats[f]
	_, kinStr := openapi3.SchemaStringFormats[f]
	switch {
	case kinNum && n.Num && !n.RequireInteger,
		kinInt && n.RequireInteger && !schema.Implements("integer", f),
		kinStr && n.Str && !schema.Implements("string", f):
		return fmt.Errorf("%w: format %q", ErrUnsupported, f)
	}
	if (kinInt && n.RequireInteger) || (kinStr && n.Str) {
		n.Format = f
	}
	return nil
}

// containers: items, properties, additionalProperties and counts.
func (c *Compiler) containers(n *schema.Node, s *openapi3.Schema) error {
	var err error
	n.MinItems, n.MaxItems = s.MinItems, s.MaxItems
	if s.Items != nil {
		if n.Items, err = c.ref(s.Items); err != nil {
			return err
		}
	}
	n.Required = slices.Clone(s.Required)
	if s.Properties != nil {
		n.Props = make(map[string]*schema.Node, len(s.Properties))
		for k, r := range s.Properties {
			if r == nil {
				continue // kin: a nil entry is as if absent
			}
			if n.Props[k], err = c.ref(r); err != nil {
				return err
			}
		}
	}
	ap := s.AdditionalProperties
	n.AddlForbidden = ap.Has != nil && !*ap.Has
	if ap.Schema != nil {
		if n.Addl, err = c.ref(ap.Schema); err != nil {
			return err
		}
	}
	n.MinProps, n.MaxProps = s.MinProps, s.MaxProps
	return nil
}

// As kin-openapi's intoGoRegexp: \uXXXX becomes \x{XXXX}.
var patRewriteCodepoints = regexp.MustCompile(`(?P<replaced_with_slash_x>\\u)(?P<code>[0-9A-F]{4})`)

func intoGoRegexp(re string) string {
	return patRewriteCodepoints.ReplaceAllString(re, `\x{${code}}`)
}
