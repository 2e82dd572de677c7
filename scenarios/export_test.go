package scenarios

import "errors"

// SchemaOnly is what the loader's schema pass finds in a JSON document: a
// scenario file's, or (fault) a POST /__admin/faults body's; nil when it
// passes. It panics if schema.json does not compile.
func SchemaOnly(asJSON []byte, fault bool) []Problem {
	which := func(c *compiledSchema) *schemaNode { return c.file }
	if fault {
		which = func(c *compiledSchema) *schemaNode { return c.fault }
	}
	err := validateAgainst("doc", asJSON, which)
	var le *LoadError
	if err != nil && !errors.As(err, &le) {
		panic(err)
	}
	if le == nil {
		return nil
	}
	return le.Problems
}

// YAMLToJSON is the first step of Load.
func YAMLToJSON(data []byte) ([]byte, error) { return yamlToJSON("doc", data) }
