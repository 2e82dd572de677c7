package requisiteshttp

import (
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// bodyCodes: a body the fake cannot read at all (over 1 MiB, not JSON, not
// an object) is 1017, answered with HTTP 400 (RQ-6, see envelope).
var bodyCodes = wire.BodyCodes{
	TooLarge:  requisites.CodeMissingFields,
	NotJSON:   requisites.CodeMissingFields,
	NotObject: requisites.CodeMissingFields,
}

// decode reads the JSON object body. Numbers keep their text, so "500" and
// 500 read the same (RQ-4: the domain parses both from Text). A body that
// breaks the (lenient) contract, e.g. a boolean amount, is 1017 with HTTP 200.
func decode(x *wire.Exchange) (wire.Body, error) {
	b, err := x.DecodeObject(bodyCodes, wire.Leniency{})
	if err != nil {
		return wire.Body{}, err
	}
	if err := x.ValidateDecoded(b.Map()); err != nil {
		return wire.Body{}, core.Failf(requisites.CodeMissingFields, "%v", err)
	}
	return b, nil
}
