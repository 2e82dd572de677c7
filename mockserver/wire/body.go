package wire

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/paysandbox/paysandbox/internal/jsonfast"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
)

// ErrUnreadable is the cause of a body error when the body could not be read
// as a JSON object at all (too large, not JSON, not an object), as opposed
// to an object the contract rejects. Providers that answer the two with
// different HTTP statuses tell them apart with errors.Is.
var ErrUnreadable = errors.New("wire: the body is not a readable JSON object")

// BodyCodes are the provider's documented codes for a body it cannot use.
type BodyCodes struct {
	TooLarge  string // over httpx.MaxBody
	NotJSON   string // not JSON, or trailing data after the value
	NotObject string // JSON, but not an object
}

// Leniency is how forgiving a provider's getters are, where real clients
// vary (AN-8, AQ-5, RQ-4: amounts and ids as numeric strings).
type Leniency struct {
	// NumericStrings lets Int read "500" as 500.
	NumericStrings bool
	// TrimSpace trims blanks around strings before they are read.
	TrimSpace bool
}

// Body is a decoded JSON object with typed, lenient getters. Numbers stay
// json.Number, so 19-digit ids and amounts never pass through float64. A
// null member reads as absent (D-12).
type Body struct {
	m   map[string]any
	len Leniency
}

// NewBody wraps an already decoded object.
func NewBody(m map[string]any, l Leniency) Body { return Body{m: m, len: l} }

// DecodeObject reads the request body as one JSON object. It does not check
// the contract: call ValidateDecoded with Map when the provider wants that.
func (x *Exchange) DecodeObject(codes BodyCodes, l Leniency) (Body, error) {
	if x.TooLarge() {
		return Body{}, core.Failf(codes.TooLarge, "%w: the body is over %d bytes", ErrUnreadable, httpx.MaxBody)
	}
	if m, ok := jsonfast.Object(x.Body()); ok {
		return Body{m: m, len: l}, nil
	}
	m, err := decodeStd(x.Body(), codes)
	if err != nil {
		return Body{}, err
	}
	return Body{m: m, len: l}, nil
}

// decodeStd is DecodeObject by encoding/json: the reference jsonfast
// agrees with, and the path for every body it leaves (errors included).
func decodeStd(b []byte, codes BodyCodes) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, core.Failf(codes.NotJSON, "%w: %v", ErrUnreadable, err)
	}
	if dec.More() {
		return nil, core.Failf(codes.NotJSON, "%w: trailing data after the JSON value", ErrUnreadable)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, core.Failf(codes.NotObject, "%w: the body is JSON but not an object", ErrUnreadable)
	}
	return m, nil
}

// Map is the decoded object itself (nil for an empty Body).
func (b Body) Map() map[string]any { return b.m }

// Has reports a member that is present and not null.
func (b Body) Has(key string) bool { return b.m[key] != nil }

// Raw returns a member as decoded (nil when absent or null).
func (b Body) Raw(key string) any { return b.m[key] }

// String returns a string member; ok is false when it is absent, null or
// not a string.
func (b Body) String(key string) (string, bool) {
	s, ok := b.m[key].(string)
	if ok && b.len.TrimSpace {
		s = strings.TrimSpace(s)
	}
	return s, ok
}

// Text returns a member as text: a string as is, a number as its decimal
// text; "" when absent, null or of another type.
func (b Body) Text(key string) string {
	switch v := b.m[key].(type) {
	case string:
		if b.len.TrimSpace {
			return strings.TrimSpace(v)
		}
		return v
	case json.Number:
		return v.String()
	}
	return ""
}

// Int returns an integer member: a JSON integer, or a numeric string when
// the provider is lenient about them.
func (b Body) Int(key string) (int64, bool) {
	switch v := b.m[key].(type) {
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	case string:
		if !b.len.NumericStrings {
			return 0, false
		}
		if b.len.TrimSpace {
			v = strings.TrimSpace(v)
		}
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	return 0, false
}

// Number returns a numeric member as sent (json.Number keeps its text).
func (b Body) Number(key string) (json.Number, bool) {
	n, ok := b.m[key].(json.Number)
	return n, ok
}

// Object returns an object member with the same leniency; ok is false
// when it is absent, null or not an object.
func (b Body) Object(key string) (Body, bool) {
	m, ok := b.m[key].(map[string]any)
	return Body{m: m, len: b.len}, ok
}

// Flag returns a boolean member (absent, null or not a boolean: false).
func (b Body) Flag(key string) bool {
	v, _ := b.m[key].(bool)
	return v
}

// First returns the first of keys present (not null), for fields real
// clients spell more than one way (AN-2 billId/billid, AN-4 exp/expiry).
func (b Body) First(keys ...string) (string, bool) {
	for _, k := range keys {
		if b.Has(k) {
			return k, true
		}
	}
	return "", false
}
