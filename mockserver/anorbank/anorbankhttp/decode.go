package anorbankhttp

import (
	"encoding/json"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// bodyCodes are Anor's answers to a body it cannot read: all bare (D-1).
var bodyCodes = wire.BodyCodes{
	TooLarge: anorbank.CodeInvalidRequest, NotJSON: anorbank.CodeParseError, NotObject: anorbank.CodeInvalidRequest,
}

// leniency: AN-8: amounts and ids arrive as numbers or numeric strings.
var leniency = wire.Leniency{NumericStrings: true}

// decode reads the body as one JSON object and checks it against the
// contract. A GET carries no body. On a contract violation the body is
// still returned: a nested error echoes its billId (AN-18).
func decode(x *wire.Exchange) (wire.Body, error) {
	if x.Op.Method == "GET" {
		if x.TooLarge() {
			return wire.Body{}, core.Fail(bodyCodes.TooLarge)
		}
		return wire.NewBody(nil, leniency), nil
	}
	body, err := x.DecodeObject(bodyCodes, leniency)
	if err != nil {
		return wire.Body{}, err
	}
	if err := x.ValidateDecoded(body.Map()); err != nil {
		return body, core.Failf(anorbank.CodeInvalidParams, "%v", err)
	}
	return body, nil
}

// billIDKey is the member naming the bill: AN-2: billId wins, billid is
// accepted; absent (or null, D-12) is "".
func billIDKey(body wire.Body) string {
	k, _ := body.First("billId", "billid")
	return k
}

// billIDOf is the request's billId/billid (AN-2); absent or ill-typed is
// `invalid params`, a non-positive id is simply unknown (§3.7's billid -1).
func billIDOf(body wire.Body) (anorbank.BillID, error) {
	k := billIDKey(body)
	id, ok := body.Int(k)
	if k == "" || !ok {
		return 0, core.Failf(anorbank.CodeInvalidParams, "billId missing or not an integer")
	}
	if id <= 0 {
		return 0, core.Fail(anorbank.CodeBillNotFound)
	}
	return anorbank.BillID(id), nil
}

// cardRef reads pan plus exp or expiry (AN-4) from a params object.
func cardRef(params wire.Body) anorbank.CardRef {
	pan, _ := params.String("pan")
	exp, ok := params.String("exp")
	if !ok {
		exp, _ = params.String("expiry")
	}
	return anorbank.CardRef{PAN: pan, Expiry: exp}
}

// otpOf finds the client's code (AN-10): top-level `otp`, or `params.otp`,
// where params is an object or a string holding a JSON object.
func otpOf(body wire.Body) string {
	if s, ok := body.String("otp"); ok {
		return s
	}
	if p, ok := body.Object("params"); ok {
		s, _ := p.String("otp")
		return s
	}
	if text, ok := body.String("params"); ok {
		var m map[string]any
		if json.Unmarshal([]byte(text), &m) == nil {
			s, _ := wire.NewBody(m, leniency).String("otp")
			return s
		}
	}
	return ""
}

// amountOf reads a positive tiyin amount.
func amountOf(body wire.Body, key string) (core.Tiyin, error) {
	n, ok := body.Int(key)
	if !ok || n <= 0 {
		return 0, core.Failf(anorbank.CodeInvalidParams, "%s must be a positive integer of tiyin", key)
	}
	return core.Tiyin(n), nil
}
