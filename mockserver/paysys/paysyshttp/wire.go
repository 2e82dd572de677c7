package paysyshttp

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// frame is a decoded JSON-RPC call.
type frame struct {
	id     any    // string or json.Number (an integer), echoed unchanged (PS-9); nil when absent
	key    string // idempotency key of the id ("" when absent)
	method string
	params map[string]any
}

// decode reads the frame. It always returns a frame (whose id is set as soon
// as it could be read), plus -32700 / -32600 when the body is not a call.
// `jsonrpc` is accepted and ignored (PS-6).
func decode(x *wire.Exchange) (*frame, error) {
	f := &frame{}
	if x.TooLarge() {
		return f, core.Fail(paysys.CodeInvalidRequest)
	}
	dec := json.NewDecoder(bytes.NewReader(x.Body()))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return f, core.Failf(paysys.CodeParseError, "body is not JSON: %v", err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return f, core.Fail(paysys.CodeInvalidRequest)
	}
	switch id := obj["id"].(type) {
	case nil:
	case string:
		f.id, f.key = id, "s:"+id
	case json.Number:
		if _, err := id.Int64(); err != nil {
			return f, core.Fail(paysys.CodeInvalidRequest) // PS-9: a string or an integer
		}
		f.id, f.key = id, "n:"+id.String()
	default:
		return f, core.Fail(paysys.CodeInvalidRequest)
	}
	m, ok := obj["method"].(string)
	if !ok || m == "" {
		return f, core.Fail(paysys.CodeInvalidRequest)
	}
	f.method = m
	if p, ok := obj["params"].(map[string]any); ok {
		f.params = p
	}
	return f, nil
}

// credentials collects what the request presented: the `Auth` header (§7)
// and HTTP Basic (PS-1).
func credentials(r *http.Request) paysys.Credentials {
	c := paysys.Credentials{Auth: r.Header.Get("Auth")}
	c.BasicUser, c.BasicPass, c.HasBasic = r.BasicAuth()
	return c
}

// object returns a nested object member.
func object(m map[string]any, key string) (map[string]any, bool) {
	o, ok := m[key].(map[string]any)
	return o, ok
}

// integer returns an integer member (json.Number without fraction).
func integer(m map[string]any, key string) (int64, bool) {
	n, ok := m[key].(json.Number)
	if !ok {
		return 0, false
	}
	i, err := n.Int64()
	return i, err == nil
}
