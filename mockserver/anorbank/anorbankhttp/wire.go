package anorbankhttp

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// decode checks the body (size, JSON, object, contract) and fills req.body.
// A GET carries no body. Numbers stay json.Number, so 19-digit ids and
// amounts never pass through float64.
func decode(x *wire.Exchange, req *request) error {
	if x.TooLarge() {
		return core.Fail(anorbank.CodeInvalidRequest)
	}
	body := x.Body()
	if x.Op.Method == "GET" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return core.Failf(anorbank.CodeParseError, "%v", err)
	}
	if dec.More() {
		return core.Failf(anorbank.CodeParseError, "trailing data after the JSON value")
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return core.Fail(anorbank.CodeInvalidRequest)
	}
	req.body = obj
	for _, k := range []string{"billId", "billid"} { // AN-2: billId wins
		if id, ok := obj[k]; ok {
			req.billID = id
			break
		}
	}
	if err := x.ValidateDecoded(v); err != nil {
		return core.Failf(anorbank.CodeInvalidParams, "%v", err)
	}
	return nil
}

// str returns a string field; ok is false when it is absent or not a string.
func str(body map[string]any, key string) (string, bool) {
	s, ok := body[key].(string)
	return s, ok
}

// obj returns an object field (nil when absent or not an object).
func obj(body map[string]any, key string) map[string]any {
	m, _ := body[key].(map[string]any)
	return m
}

// intOf reads an integer sent as a JSON number or a numeric string (AN-8).
func intOf(v any) (int64, bool) {
	switch t := v.(type) {
	case json.Number:
		n, err := t.Int64()
		return n, err == nil
	case string:
		n, err := strconv.ParseInt(t, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// textOf reads an id that may be a string or a number (agentTranId).
func textOf(v any) string {
	switch t := v.(type) {
	case json.Number:
		return t.String()
	case string:
		return t
	}
	return ""
}

// billIDOf is the request's billId/billid (AN-2); absent or ill-typed is
// `invalid params`, a non-positive id is simply unknown (§3.7's billid -1).
func billIDOf(req *request) (anorbank.BillID, error) {
	id, ok := intOf(req.billID)
	if !ok {
		return 0, core.Failf(anorbank.CodeInvalidParams, "billId missing or not an integer")
	}
	if id <= 0 {
		return 0, core.Fail(anorbank.CodeBillNotFound)
	}
	return anorbank.BillID(id), nil
}

// cardRef reads pan plus exp or expiry (AN-4) from a params object.
func cardRef(params map[string]any) anorbank.CardRef {
	pan, _ := str(params, "pan")
	exp, ok := str(params, "exp")
	if !ok {
		exp, _ = str(params, "expiry")
	}
	return anorbank.CardRef{PAN: pan, Expiry: exp}
}

// otpOf finds the client's code (AN-10): top-level `otp`, or `params.otp`,
// where params is an object or a string holding a JSON object.
func otpOf(body map[string]any) string {
	if s, ok := str(body, "otp"); ok {
		return s
	}
	switch p := body["params"].(type) {
	case map[string]any:
		s, _ := str(p, "otp")
		return s
	case string:
		var m map[string]any
		if json.Unmarshal([]byte(p), &m) == nil {
			s, _ := str(m, "otp")
			return s
		}
	}
	return ""
}

// amountOf reads a positive tiyin amount.
func amountOf(body map[string]any, key string) (core.Tiyin, error) {
	n, ok := intOf(body[key])
	if !ok || n <= 0 {
		return 0, core.Failf(anorbank.CodeInvalidParams, "%s must be a positive integer of tiyin", key)
	}
	return core.Tiyin(n), nil
}
