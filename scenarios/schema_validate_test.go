package scenarios

import (
	"errors"
	"reflect"
	"testing"
)

// A number whose exponent math/big refuses (jsonschema/v6 panicked on it
// where schema.json bounds the value) is a problem at its place; where
// nothing bounds it, the schema pass has nothing to say.
func TestNumberBeyondMathBigIsAProblem(t *testing.T) {
	body := `{"provider":"*","delay":"1s","probability":1e99999999,"times":-1e99999999}`
	_, err := LoadRule("POST /__admin/faults", []byte(body), Checks{})
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a *LoadError", err)
	}
	// times is an integer, which that number is not said to be (as before).
	want := []Problem{{"/probability", "number out of range"}, {"/times", "got number, want integer"}}
	if !reflect.DeepEqual(le.Problems, want) {
		t.Errorf("problems %+v, want %+v", le.Problems, want)
	}
	if got := SchemaOnly([]byte(`{"provider":"*","delay":"1s","match":{"amount":{"gt":1e99999999}}}`), true); got != nil {
		t.Errorf("an unbounded number: %+v, want no problem", got)
	}
}
