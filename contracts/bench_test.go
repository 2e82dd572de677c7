package contracts

import (
	"encoding/json"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/paysandbox/paysandbox/contracts/schema"
)

func decodeUseNumber(tb testing.TB, b []byte) any {
	tb.Helper()
	v, err := decodeJSON(b)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// BenchmarkValidate compares, for Anor Bank's unregistered-check request
// body and its 200 response (the documented bill example), kin-openapi's
// VisitJSON (what the server ran before contracts were compiled) and the
// compiled validator.
func BenchmarkValidate(b *testing.B) {
	op, _ := MustLoad("anorbank").Operation("unregistered-check")
	route := kinRoute(b, "anorbank", op)
	req := decodeUseNumber(b, []byte(`{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"x","params":{"pan":"8600000000000001","exp":"0727"}}`))
	mt := route.Operation.Responses.Status(200).Value.Content.Get("application/json")
	raw, _ := json.Marshal(mt.Examples["ok"].Value.Value)
	resp := decodeUseNumber(b, raw)
	reqSchema := route.Operation.RequestBody.Value.Content.Get("application/json").Schema.Value

	for _, c := range []struct {
		name string
		s    *openapi3.Schema
		n    *schema.Node
		v    any
		mode openapi3.SchemaValidationOption
	}{
		{"request", reqSchema, op.body, req, openapi3.VisitAsRequest()},
		{"response", mt.Schema.Value, op.responses["200"].schema, resp, openapi3.VisitAsResponse()},
	} {
		if c.s.VisitJSON(c.v, c.mode) != nil || !c.n.Valid(c.v) {
			b.Fatalf("%s: example does not validate", c.name)
		}
		b.Run(c.name+"/kin-VisitJSON", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.s.VisitJSON(c.v, c.mode) != nil {
					b.Fatal("invalid")
				}
			}
		})
		raw, _ := json.Marshal(c.v)
		b.Run(c.name+"/compiled-bytes", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if c.n.ValidJSON(raw) != schema.Pass {
					b.Fatal("invalid")
				}
			}
		})
		b.Run(c.name+"/decode+compiled", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if visit(c.n, decodeUseNumber(b, raw), "x") != nil {
					b.Fatal("invalid")
				}
			}
		})
		b.Run(c.name+"/compiled", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if visit(c.n, c.v, "x") != nil {
					b.Fatal("invalid")
				}
			}
		})
	}
}
