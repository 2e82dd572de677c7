package anorbankhttp

import (
	"encoding/json"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// decode checks the body (size, JSON, object, contract) and fills req.body.
// A GET carries no body.
func decode(x *wire.Exchange, req *request) error {
	if x.TooLarge() {
		return core.Fail(anorbank.CodeInvalidRequest)
	}
	body := x.Body()
	if x.Op.Method == "GET" {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return core.Failf(anorbank.CodeParseError, "%v", err)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return core.Fail(anorbank.CodeInvalidRequest)
	}
	req.body = obj
	for _, k := range []string{"billId", "billid"} { // AN-2
		if id, ok := obj[k]; ok {
			req.billID = id
			break
		}
	}
	if err := x.Validate(); err != nil {
		return core.Failf(anorbank.CodeInvalidParams, "%v", err)
	}
	return nil
}

// str returns a string field; ok is false when it is absent or not a string.
func str(body map[string]any, key string) (string, bool) {
	s, ok := body[key].(string)
	return s, ok
}
