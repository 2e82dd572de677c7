package requisiteshttp

import (
	"net/url"

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

// statementQuery reads the statement's fields for GET (RQ-7): a JSON body
// when there is one, else the query string (?serviceId=34&type=0&...), each
// value as text, which the domain parses as it parses numeric strings (RQ-4).
func statementQuery(x *wire.Exchange) (wire.Body, error) {
	if len(x.Body()) > 0 || x.R.URL.RawQuery == "" {
		return decode(x)
	}
	q, err := url.ParseQuery(x.R.URL.RawQuery)
	if err != nil {
		return wire.Body{}, core.Failf(requisites.CodeMissingFields, "query: %v", err)
	}
	m := make(map[string]any, len(q))
	for k := range q {
		m[k] = q.Get(k)
	}
	return wire.NewBody(m, wire.Leniency{}), nil
}
