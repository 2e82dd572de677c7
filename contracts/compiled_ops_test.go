package contracts

import (
	"reflect"
	"testing"

	"github.com/paysandbox/paysandbox/contracts/internal/compile"
)

// The generated ops_<name>.go build exactly what compiling kin-openapi's
// reading of <name>.yaml builds: operations, parameters, bodies, responses,
// headers, methods and every schema node.
func TestCompiledOpsMatchYAML(t *testing.T) {
	for _, name := range Providers {
		want, err := compile.Operations(name, kinDoc(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		build, ok := compiledOps[name]
		if !ok {
			t.Fatalf("ops_%s.go is missing: run go generate ./contracts", name)
		}
		got := build()
		if len(got) != len(want) {
			t.Fatalf("ops_%s.go has %d operations, %s.yaml %d: run go generate ./contracts after editing %s.yaml", name, len(got), name, len(want), name)
		}
		for i, w := range want {
			if !reflect.DeepEqual(asCompiled(got[i]), w) {
				t.Errorf("ops_%s.go: %s differs from %s.yaml: run go generate ./contracts after editing %s.yaml", name, w.ID, name, name)
			}
		}
	}
}

// asCompiled is o in the compiler's terms.
func asCompiled(o *Operation) *compile.Operation {
	c := &compile.Operation{ID: o.ID, Method: o.Method, Path: o.Path, HasBody: o.hasBody, BodyRequired: o.bodyRequired,
		OtherMedia: o.otherMedia, Body: o.body, Methods: o.methods, Responses: map[string]*compile.Response{}}
	for _, p := range o.params {
		c.Params = append(c.Params, compile.Param{Name: p.name, In: p.in})
	}
	for code, r := range o.responses {
		cr := &compile.Response{Content: r.content, Schema: r.schema}
		for _, h := range r.headers {
			cr.Headers = append(cr.Headers, &compile.Header{Name: h.name, Required: h.required, Schema: h.schema})
		}
		c.Responses[code] = cr
	}
	return c
}
