package aloqahttp

import (
	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// request is what the front hands an operation: the namespace's domain, the
// decoded body and the SMS language of the `lang` header.
type request struct {
	svc  *aloqa.Service
	body wire.Body // strings as sent (a code or token is never trimmed)
	nums wire.Body // the same object read leniently: " 500" and "500" are 500 (AQ-5)
	lang aloqa.Lang
}

// bodyCodes: over 1 MiB or not an object -32600, not JSON -32700.
var bodyCodes = wire.BodyCodes{TooLarge: aloqa.CodeInvalidRequest, NotJSON: aloqa.CodeParse, NotObject: aloqa.CodeInvalidRequest}

// decode reads the body and checks it against the contract (a field of
// the wrong type is -32300).
func decode(x *wire.Exchange, req *request) error {
	b, err := x.DecodeObject(bodyCodes, wire.Leniency{NumericStrings: true})
	if err != nil {
		return err
	}
	req.body = b
	req.nums = wire.NewBody(b.Map(), wire.Leniency{NumericStrings: true, TrimSpace: true})
	if err := x.ValidateDecoded(b.Map()); err != nil {
		return core.Failf(aloqa.CodeMissingParams, "%v", err)
	}
	return nil
}

// str returns a required string field; absent, null or blank is -32300.
func (r *request) str(key string) (string, error) {
	s, ok := r.body.String(key)
	if !ok || r.nums.Text(key) == "" {
		return "", core.Fail(aloqa.CodeMissingParams)
	}
	return s, nil
}

// integer returns a required integer field, given as a number or a numeric
// string (AQ-5); absent or null is -32300.
func (r *request) integer(key string) (int64, error) {
	n, ok := r.nums.Int(key)
	if !ok {
		return 0, core.Fail(aloqa.CodeMissingParams)
	}
	return n, nil
}

// amount returns the required `amount` in tiyin: an integer or a numeric
// string (AQ-5). Absent, null or blank is -32300; any other number or
// string (1e3, 100.0, "12a") is -32385, the reference's "invalid amount" (D-20).
func (r *request) amount() (int64, error) {
	if n, ok := r.nums.Int("amount"); ok {
		return n, nil
	}
	if r.nums.Text("amount") == "" {
		return 0, core.Fail(aloqa.CodeMissingParams)
	}
	return 0, core.Fail(aloqa.CodeInvalidAmount)
}

func (r *request) txID() (aloqa.TxID, error) {
	n, err := r.integer("transactionId")
	return aloqa.TxID(n), err
}

// confirmation reads {transactionId, confirmedCode} (add-confirm, debit and
// P2P confirm) and runs the rules with the pan of the transaction it names.
func confirmation(x *wire.Exchange, req *request) (aloqa.TxID, string, error) {
	id, err := req.txID()
	if err != nil {
		return 0, "", err
	}
	code, err := req.str("confirmedCode")
	if err != nil {
		return 0, "", err
	}
	if _, err := x.Intercept(map[string]any{"pan": req.svc.PANOfTransaction(id)}); err != nil {
		return 0, "", err
	}
	return id, code, nil
}
