package paysyshttp

import (
	"encoding/json"
	"net/http"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// call is a prepared JSON-RPC call: what every method handler receives.
type call struct {
	id     any // string or json.Number (an integer), echoed unchanged (PS-9); nil when absent or null (D-10)
	method string
	params wire.Body
	frame  map[string]any // the decoded request, validated without a second decode
	svc    *paysys.Service
}

// frameCodes: a body too large or not an object is not a JSON-RPC call
// (-32600); one that is not JSON at all is a parse error (-32700).
var frameCodes = wire.BodyCodes{
	TooLarge:  paysys.CodeInvalidRequest,
	NotJSON:   paysys.CodeParseError,
	NotObject: paysys.CodeInvalidRequest,
}

// decodeFrame reads the call. It always returns a call (whose id is set as
// soon as it could be read), plus -32700 / -32600 when the body is not a
// call. `jsonrpc` is accepted and ignored (PS-6). Getters are strict: an
// amount or id sent as a string is not a number (D-20).
func decodeFrame(x *wire.Exchange) (*call, error) {
	c := &call{}
	body, err := x.DecodeObject(frameCodes, wire.Leniency{})
	if err != nil {
		return c, err
	}
	switch id := body.Raw("id").(type) {
	case nil: // D-10: "id": null is echoed as null
	case string:
		c.id = id
	case json.Number:
		if _, err := id.Int64(); err != nil {
			return c, core.Fail(paysys.CodeInvalidRequest) // PS-9: a string or an integer
		}
		c.id = id
	default:
		return c, core.Fail(paysys.CodeInvalidRequest)
	}
	c.frame = body.Map()
	m, ok := body.String("method")
	if !ok || m == "" {
		return c, core.Fail(paysys.CodeInvalidRequest)
	}
	c.method = m
	c.params, _ = body.Object("params")
	return c, nil
}

// credentials collects what the request presented: the `Auth` header (§7)
// and HTTP Basic (PS-1).
func credentials(r *http.Request) paysys.Credentials {
	c := paysys.Credentials{Auth: r.Header.Get("Auth")}
	c.BasicUser, c.BasicPass, c.HasBasic = r.BasicAuth()
	return c
}
