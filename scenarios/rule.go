package scenarios

import (
	"bytes"
	"encoding/json"
)

// LoadRule reads a POST /__admin/faults body: a rule of the scenario
// shape, checked by the same schema definition (with times of at least 1:
// an armed fault serves a bounded number of calls, 1 when left out) and the
// same semantic checks as a rule in a file. A *LoadError lists every
// problem, at pointers into the body.
func LoadRule(source string, data []byte, checks Checks) (Rule, error) {
	if err := validateAgainst(source, data, func(c *compiledSchema) *schemaNode { return c.fault }); err != nil {
		return Rule{}, err
	}
	var r Rule
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return Rule{}, &LoadError{Source: source, Problems: []Problem{{Message: err.Error()}}}
	}
	if problems := checkRule("", r, checks); len(problems) > 0 {
		return Rule{}, &LoadError{Source: source, Problems: problems}
	}
	return r, nil
}
