package aloqahttp

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// request is what serve hands a handler: the decoded JSON object and the
// SMS language of the `lang` header.
type request struct {
	body map[string]any
	lang aloqa.Lang
}

// decode checks the body: over 1 MiB or not an object -32600, not JSON
// -32700, against the contract (a field of the wrong type) -32300.
func decode(x *wire.Exchange, req *request) error {
	if x.TooLarge() {
		return core.Fail(aloqa.CodeInvalidRequest)
	}
	dec := json.NewDecoder(bytes.NewReader(x.Body()))
	dec.UseNumber() // amounts and ids stay exact
	var v any
	if err := dec.Decode(&v); err != nil {
		return core.Failf(aloqa.CodeParse, "%v", err)
	}
	if dec.More() {
		return core.Fail(aloqa.CodeParse)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return core.Fail(aloqa.CodeInvalidRequest)
	}
	req.body = obj
	if err := x.ValidateDecoded(v); err != nil {
		return core.Failf(aloqa.CodeMissingParams, "%v", err)
	}
	return nil
}

// str returns a required string field; absent, null or blank is -32300.
func (r *request) str(key string) (string, error) {
	s, ok := r.body[key].(string)
	if !ok || strings.TrimSpace(s) == "" {
		return "", core.Fail(aloqa.CodeMissingParams)
	}
	return s, nil
}

// integer returns a required integer field, given as a number or a numeric
// string (AQ-5); absent or null is -32300.
func (r *request) integer(key string) (int64, error) {
	switch v := r.body[key].(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil {
			return n, nil
		}
	case string:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return n, nil
		}
	}
	return 0, core.Fail(aloqa.CodeMissingParams)
}

// flag returns an optional boolean (absent or null = false).
func (r *request) flag(key string) bool {
	b, _ := r.body[key].(bool)
	return b
}

func (r *request) txID() (aloqa.TxID, error) {
	n, err := r.integer("transactionId")
	return aloqa.TxID(n), err
}

// confirmation reads {transactionId, confirmedCode} (add-confirm, debit and
// P2P confirm) and runs the rules with the pan of the transaction it names.
func confirmation(x *wire.Exchange, svc *aloqa.Service, req *request) (aloqa.TxID, string, error) {
	id, err := req.txID()
	if err != nil {
		return 0, "", err
	}
	code, err := req.str("confirmedCode")
	if err != nil {
		return 0, "", err
	}
	if err := intercept(x, req, map[string]any{"pan": svc.PANOfTransaction(id)}); err != nil {
		return 0, "", err
	}
	return id, code, nil
}
