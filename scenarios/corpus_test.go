package scenarios_test

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"github.com/paysandbox/paysandbox/scenarios"
)

// agreementCase is one JSON document for both validators.
type agreementCase struct {
	name  string
	json  []byte
	fault bool // a POST /__admin/faults body, else a scenario file
}

func agreementCorpus(t *testing.T) []agreementCase {
	cases := scenarioFiles(t)
	cases = append(cases, testLiterals(t)...)
	cases = append(cases, faultBodyEdges()...)
	cases = append(cases, schemaMutations(t)...)
	return dedupe(cases)
}

// agreementSeeds are the fuzz seeds: the files, test literals and edges
// (the generated mutations are many and alike).
func agreementSeeds(t testing.TB) [][]byte {
	var seeds [][]byte
	for _, c := range append(append(scenarioFiles(t), testLiterals(t)...), faultBodyEdges()...) {
		seeds = append(seeds, c.json)
	}
	return seeds
}

// scenarioFiles are the scenario files the repository ships.
func scenarioFiles(t testing.TB) []agreementCase {
	files, _ := filepath.Glob("examples/*.yaml")
	var out []agreementCase
	for _, name := range append([]string{"default.yaml"}, files...) {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		asJSON, err := scenarios.YAMLToJSON(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, agreementCase{name: name, json: asJSON})
	}
	return out
}

// testLiterals are the scenarios and fault bodies written in the module's
// tests, valid and invalid: every string literal of a _test.go file that
// reads as a YAML mapping with a version (a scenario), a provider (a
// fault body, and the same as a scenario's rule), or only settings keys
// (a settings block). Read from the sources, so a new test literal joins
// the corpus by itself.
func testLiterals(t testing.TB) []agreementCase {
	settingsKeys := schemaDoc(t)["$defs"].(map[string]any)["settings"].(map[string]any)["properties"].(map[string]any)
	var out []agreementCase
	for _, lit := range stringLiterals(t, "..") {
		var doc map[string]any
		if yaml.Unmarshal([]byte(lit.text), &doc) != nil || len(doc) == 0 {
			continue
		}
		scenario := func(name string, d map[string]any) {
			if asJSON, err := json.Marshal(d); err == nil {
				out = append(out, agreementCase{name: lit.where + " " + name, json: asJSON})
			}
		}
		switch {
		case doc["version"] != nil:
			asJSON, err := scenarios.YAMLToJSON([]byte(lit.text))
			if err == nil {
				out = append(out, agreementCase{name: lit.where, json: asJSON})
			}
		case doc["provider"] != nil:
			body := []byte(lit.text)
			if !json.Valid(body) {
				body, _ = json.Marshal(doc)
			}
			out = append(out, agreementCase{name: lit.where + " as a fault", json: body, fault: true})
			scenario("as a rule", map[string]any{"version": 1, "rules": []any{doc}})
		case allKeysIn(doc, settingsKeys):
			scenario("as settings", map[string]any{"version": 1, "settings": doc})
		}
	}
	if len(out) < 40 {
		t.Fatalf("found %d scenario and fault literals in the module's tests; is the harvest broken?", len(out))
	}
	return out
}

type literal struct{ where, text string }

func stringLiterals(t testing.TB, root string) []literal {
	var out []literal
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "bin" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if text, err := strconv.Unquote(lit.Value); err == nil {
					out = append(out, literal{fset.Position(lit.Pos()).String(), text})
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func allKeysIn(doc, known map[string]any) bool {
	for k := range doc {
		if _, ok := known[k]; !ok {
			return false
		}
	}
	return true
}

// faultBodyEdges are fault bodies as raw bytes, where the JSON decoding
// and number handling show.
func faultBodyEdges() []agreementCase {
	var out []agreementCase
	for _, body := range []string{
		``, ` `, `{`, `{"provider":`, `{} {}`, `{}x`, `{"provider":"aloqa","error":1} `, `{"provider":"aloqa","error":1}]`,
		`[]`, `null`, `5`, `"s"`, `true`, `{}`, `{"":1}`,
		`{"provider":"aloqa","error":1,"provider":"nope"}`, `{"\u0070rovider":"aloqa","error":1}`,
		`{"provider":"aloqa","error":"\ud800"}`, "{\"provider\":\"aloqa\",\"error\":\"\xff\"}",
		`{"provider":"*","delay":"1s","times":1.0}`, `{"provider":"*","delay":"1s","times":1e2}`,
		`{"provider":"*","delay":"1s","times":-0}`, `{"provider":"*","delay":"1s","times":0.0}`,
		`{"provider":"*","delay":"1s","times":1e30}`, `{"provider":"*","delay":"1s","times":12345678901234567890}`,
		`{"provider":"*","delay":"1s","probability":1e-400}`, `{"provider":"*","delay":"1s","probability":1e99999999}`, `{"provider":"*","delay":"1s","probability":1.0000000000000000001}`,
		`{"provider":"*","delay":"1s","probability":-1E+3}`, `{"provider":"*","delay":"1s","probability":0.000001}`,
		`{"provider":"*","delay":"1s","outcome":{"statuses":[{"status":2.0},{"status":-1e0},{"status":6E-0}]}}`,
		`{"provider":"*","delay":"1s","match":{"a":{"in":[1,1.0]},"b":{"eq":{"x":[1,{}]}},"c":null,"d":[]}}`,
		`{"provider":"*","fault":"apply_then_error","error":"x","delay":"1s"}`,
		`{"provider":"*","fault":"apply_then_error"}`, `{"provider":"*","fault":"apply_then_error","times":0}`,
		`{"provider":["*"],"fault":[],"delay":5,"outcome":"x","error":true,"times":"1","probability":"0.5"}`,
	} {
		out = append(out, agreementCase{name: "fault body " + strconv.Quote(body), json: []byte(body), fault: true})
	}
	return out
}

func dedupe(cases []agreementCase) []agreementCase {
	seen := map[string]bool{}
	out := cases[:0]
	for _, c := range cases {
		key := strconv.FormatBool(c.fault) + string(c.json)
		if !seen[key] {
			seen[key] = true
			out = append(out, c)
		}
	}
	return out
}

func schemaDoc(t testing.TB) map[string]any {
	src, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	dec := json.NewDecoder(strings.NewReader(string(src)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc
}
