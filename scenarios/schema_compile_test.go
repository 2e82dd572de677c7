package scenarios

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestSchemaJSONCompiles(t *testing.T) {
	if _, err := compileSchema(schemaJSON); err != nil {
		t.Fatal(err)
	}
}

// A schema.json that uses what the validator does not implement fails to
// compile (and so every Load in every test), naming the place; nothing is
// silently not checked.
func TestUnimplementedSchemaIsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, def, want string // def: $defs/card.properties.pan written anew
	}{
		{"oneOf", `{"oneOf": [{"type": "string"}]}`, `keyword "oneOf"`},
		{"allOf", `{"allOf": [{"type": "string"}]}`, `keyword "allOf"`},
		{"not", `{"not": {"type": "string"}}`, `keyword "not"`},
		{"else", `{"if": {"type": "string"}, "then": {}, "else": {}}`, `keyword "else"`},
		{"maxLength", `{"type": "string", "maxLength": 16}`, `keyword "maxLength"`},
		{"maxItems", `{"maxItems": 1}`, `keyword "maxItems"`},
		{"exclusiveMaximum", `{"exclusiveMaximum": 1}`, `keyword "exclusiveMaximum"`},
		{"multipleOf", `{"multipleOf": 2}`, `keyword "multipleOf"`},
		{"patternProperties", `{"patternProperties": {"^x": {}}}`, `keyword "patternProperties"`},
		{"prefixItems", `{"prefixItems": [{}]}`, `keyword "prefixItems"`},
		{"contains", `{"contains": {}}`, `keyword "contains"`},
		{"dependentRequired", `{"dependentRequired": {"a": ["b"]}}`, `keyword "dependentRequired"`},
		{"unevaluatedProperties", `{"unevaluatedProperties": false}`, `keyword "unevaluatedProperties"`},
		{"a misspelt keyword", `{"patern": "^[0-9]+$"}`, `keyword "patern"`},
		{"a nested one", `{"anyOf": [{"items": {"maxLength": 1}}]}`, `/anyOf/0/items/maxLength`},
		{"another format", `{"format": "email"}`, `format email`},
		{"a $ref outside $defs", `{"$ref": "https://example.com/s.json"}`, `$ref "https://example.com/s.json"`},
		{"a $ref to nothing", `{"$ref": "#/$defs/nope"}`, `$ref "#/$defs/nope"`},
		{"a type that is none", `{"type": "int"}`, `int is not a JSON type`},
		{"a bad pattern", `{"pattern": "("}`, `pattern (`},
		{"a boolean schema", `true`, `must be an object`},
		{"$id below the root", `{"$id": "x"}`, `$id only at the root`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := compileSchema(withCardPAN(t, tc.def))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one naming %s", err, tc.want)
			}
			if !strings.Contains(err.Error(), "/$defs/card/properties/pan") {
				t.Errorf("err = %v, want the place", err)
			}
		})
	}
}

// Validating a schema that applies itself at the same place would not end.
func TestSelfApplyingSchemaIsRefused(t *testing.T) {
	for _, schema := range []string{
		`{"$schema": "` + draft202012 + `", "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}, "fault": {}}}`,
		`{"$schema": "` + draft202012 + `", "$defs": {"a": {"if": {"$ref": "#/$defs/a"}, "then": {}}, "fault": {}}}`,
	} {
		if _, err := compileSchema([]byte(schema)); err == nil || !strings.Contains(err.Error(), "cycle") {
			t.Errorf("err = %v, want a cycle", err)
		}
	}
	recursive := `{"$schema": "` + draft202012 + `", "$defs": {"tree": {"type": "array", "items": {"$ref": "#/$defs/tree"}}, "fault": {}}, "$ref": "#/$defs/tree"}`
	c, err := compileSchema([]byte(recursive))
	if err != nil {
		t.Fatalf("a schema recursing into its items is fine: %v", err)
	}
	if got := schemaProblems(c.file, []any{[]any{[]any{"leaf"}}}); len(got) != 1 || got[0].Path != "/0/0/0" {
		t.Errorf("problems %v, want one at /0/0/0", got)
	}
}

func TestOtherDraftIsRefused(t *testing.T) {
	src := strings.Replace(string(schemaJSON), "draft/2020-12", "draft-07", 1)
	if _, err := compileSchema([]byte(src)); err == nil || !strings.Contains(err.Error(), "$schema") {
		t.Fatalf("err = %v, want the draft refused", err)
	}
}

func withCardPAN(t *testing.T, def string) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(schemaJSON, &doc); err != nil {
		t.Fatal(err)
	}
	var pan any
	if err := json.Unmarshal([]byte(def), &pan); err != nil {
		t.Fatal(err)
	}
	doc["$defs"].(map[string]any)["card"].(map[string]any)["properties"].(map[string]any)["pan"] = pan
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
