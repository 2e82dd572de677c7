package jsonfast

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// fastSeeds are bodies of every kind: the ones clients send, which take
// the fast path (fast), and the edges left to encoding/json.
var fastSeeds = []struct {
	body string
	fast bool
}{
	{`{}`, true}, {` {"a":1} `, true}, {"\t{\"a\":[]}\r\n", true}, {`{"a":{}}`, true},
	{`{"a":[1,"x",true,false,null,{"b":[]}]}`, true},
	{`{"orderId":"bench-1","amount":"100","cardNumber":"9860531554896678"}`, true},
	{`{"jsonrpc":"2.0","id":"b-1","method":"pam.pay_by_cash","params":{"vendor_form":{"amount":100,"vendor_id":101596}}}`, true},
	{`{"n":-0,"m":0.5,"e":1e10,"E":-2E-3,"p":1e+2,"big":123456789012345678901234567890}`, true},
	{`{"a":1,"a":2}`, true}, {`{"a":1,"a":null}`, true}, {`{"ж":"жж","€":"😀"}`, true},
	{`{"a_key_longer_than_thirty_two_bytes_is_not_interned":1}`, true},
	{strings.Repeat(`{"a":`, 60) + `1` + strings.Repeat(`}`, 60), true},
	// Escapes, bad UTF-8, control characters: encoding/json's.
	{`{"a":"\n"}`, false}, {`{"a":"\u0041"}`, false}, {`{"a\"":1}`, false}, {"{\"a\":\"\xff\"}", false},
	{"{\"a\":\"\xed\xa0\x80\"}", false}, {"{\"a\":\"\x01\"}", false}, {"{\"\xff\":1}", false},
	// Errors.
	{`{"a":01}`, false}, {`{"a":1.}`, false}, {`{"a":.5}`, false}, {`{"a":-}`, false}, {`{"a":1e}`, false},
	{`{"a":+1}`, false}, {`{"a":tru}`, false}, {`{"a":truex}`, false}, {`{"a":nul}`, false},
	{`{"a":1,}`, false}, {`{,}`, false}, {`{"a" 1}`, false}, {`{"a":1 "b":2}`, false}, {`{"a":[1,]}`, false},
	{`{"a":[1 2]}`, false}, {`{1:2}`, false}, {`{'a':1}`, false}, {`{"a":1} {}`, false}, {`{"a":1}x`, false},
	{``, false}, {` `, false}, {`{`, false}, {`{"a":`, false}, {`{"a":1`, false},
	// Not an object.
	{`[]`, false}, {`[1]`, false}, {`"s"`, false}, {`1`, false}, {`null`, false},
	// Accepted by encoding/json's Decoder (More sees a closing bracket), left to it.
	{`{"a":1}}`, false}, {`{"a":1}]`, false},
	// Deeper than maxFastDepth.
	{strings.Repeat(`{"a":`, 70) + `1` + strings.Repeat(`}`, 70), false},
	{`{"a":` + strings.Repeat(`[`, 70) + strings.Repeat(`]`, 70) + `}`, false},
}

// decodeCommon never disagrees with encoding/json: what it decodes,
// DecodeObject's encoding/json path decodes to the same values (the same
// types too: json.Number, []any{} not nil, last duplicate key), and it
// leaves every body encoding/json refuses to that path, whose error texts
// the client sees in X-Paysandbox-Why.
func FuzzObject(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s.body))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fast, ok := Object(b)
		if !ok {
			return
		}
		ref, err := std(b)
		if err != nil {
			t.Fatalf("%q: the fast path decoded %#v, encoding/json refuses it: %v", b, fast, err)
		}
		if !reflect.DeepEqual(fast, ref) {
			t.Fatalf("%q: the fast path decoded %#v, encoding/json %#v", b, fast, ref)
		}
	})
}

// The bodies clients send take the fast path (else FuzzObject
// proves nothing and the saving is gone); the others are left to
// encoding/json.
func TestObjectTakesWhatClientsSend(t *testing.T) {
	for _, s := range fastSeeds {
		if _, ok := Object([]byte(s.body)); ok != s.fast {
			_, err := std([]byte(s.body))
			t.Errorf("%q: fast path %v, want %v (encoding/json: %v)", s.body, ok, s.fast, err)
		}
	}
}

// std is what wire.DecodeObject and the contracts' checks ask of
// encoding/json: the first value, with UseNumber; an object, alone.
func std(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data")
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errors.New("not an object")
	}
	return m, nil
}

// Decoding a typical body allocates only the map, its values and their
// boxes (keys are interned).
func TestObjectAllocations(t *testing.T) {
	body := []byte(`{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"bench-1","params":{"pan":"8600000000000001","exp":"0727"}}`)
	fast := testing.AllocsPerRun(100, func() { _, _ = Object(body) })
	ref := testing.AllocsPerRun(100, func() { _, _ = std(body) })
	t.Logf("Object %.0f, encoding/json %.0f", fast, ref)
	if fast > 18 {
		t.Errorf("decoding a check body: %.0f allocations, encoding/json %.0f; want at most 18", fast, ref)
	}
}
