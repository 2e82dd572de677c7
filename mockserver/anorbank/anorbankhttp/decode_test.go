package anorbankhttp

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/httpx"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// decoded runs the adapter's real decoding (JSON, contract) on body as the
// operation op receives it.
func decoded(tb testing.TB, op, body string) (wire.Body, error) {
	tb.Helper()
	o, ok := contracts.MustLoad("anorbank").Operation(op)
	if !ok {
		tb.Fatalf("no operation %s", op)
	}
	r := httptest.NewRequest(o.Method, o.Path, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	x := &wire.Exchange{R: r, Call: &httpx.Call{Body: []byte(body)}, Op: o, Vars: map[string]string{}}
	return decode(x)
}

func TestLenientReaders(t *testing.T) {
	for _, tc := range []struct {
		name, body, otp string
		amount          int64
		amountOK        bool
	}{
		{"params object (the example)", `{"billId": 1, "params": {"otp": "445566"}, "amount": 100}`, "445566", 100, true},
		{"top-level otp wins", `{"billId": 1, "otp": "1", "params": {"otp": "2"}, "amount": "250"}`, "1", 250, true},
		{"params as a JSON string", `{"billId": 1, "params": "{\"otp\":\"777\"}", "amount": "0"}`, "777", 0, false},
		{"params as free text", `{"billId": 1, "params": "not stored", "amount": -3}`, "", 0, false},
		{"float amount", `{"billId": 1, "params": {"otp": "9"}, "amount": 1.5}`, "9", 0, false},
		{"null otp reads as absent (D-12)", `{"billId": 1, "otp": null, "params": {"otp": "9"}, "amount": 5}`, "9", 5, true},
		{"null params (D-12)", `{"billId": 1, "otp": null, "params": null, "type": null, "amount": 5}`, "", 5, true},
		{"huge amount stays exact", `{"billId": 1, "amount": 9007199254740993}`, "", 9007199254740993, true},
		{"amount not a number", `{"billId": 1, "amount": "12a"}`, "", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, err := decoded(t, "unregistered-pay", tc.body)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if got := otpOf(body); got != tc.otp {
				t.Errorf("otp = %q, want %q", got, tc.otp)
			}
			got, err := amountOf(body, "amount")
			if (err == nil) != tc.amountOK || (err == nil && int64(got) != tc.amount) {
				t.Errorf("amount = %d, %v; want %d (ok %v)", got, err, tc.amount, tc.amountOK)
			}
		})
	}
}

// AN-2: billId wins over billid, billid alone is accepted; the same
// reading names the bill of the operation and the id of a nested error.
func TestBillIDPrecedence(t *testing.T) {
	for _, tc := range []struct {
		body string
		want int64
		code string // "" = found
	}{
		{`{"billId": 5, "billid": 6}`, 5, ""},
		{`{"billid": 6, "billId": 5}`, 5, ""},
		{`{"billId": -1, "billid": 6}`, 0, "bill not found"},
		{`{"billId": "x", "billid": 6}`, 0, "invalid params"},
		{`{"billid": "7"}`, 7, ""},
		{`{"billId": null, "billid": 8}`, 8, ""}, // D-12: null is absent
		{`{"billid": -1}`, 0, "bill not found"},
		{`{}`, 0, "invalid params"},
	} {
		body, err := decoded(t, "status", tc.body)
		var id anorbank.BillID
		if err == nil { // the contract may refuse first: the same code
			id, err = billIDOf(body)
		}
		if code, _ := core.CodeOf(err); code != tc.code || int64(id) != tc.want {
			t.Errorf("%s: id %d, err %v; want %d, %q", tc.body, id, err, tc.want, tc.code)
		}
		if tc.code == "" {
			if got := errorID(&request{body: body}); got != tc.want {
				t.Errorf("%s: error id %d, want %d", tc.body, got, tc.want)
			}
		}
	}
}

// The lenient readers never panic on any JSON object.
func FuzzLenientReaders(f *testing.F) {
	for _, s := range []string{`{}`, `{"params": {"otp": 1}}`, `{"params": "{"}`, `{"amount": [1]}`, `{"id": "1e3"}`, `{"params": {"pan": 5, "expiry": null}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		x := &wire.Exchange{R: httptest.NewRequest("POST", "/", nil), Call: &httpx.Call{Body: []byte(s)}}
		body, err := x.DecodeObject(bodyCodes, leniency)
		if err != nil {
			return
		}
		_ = otpOf(body)
		_, _ = amountOf(body, "amount")
		params, _ := body.Object("params")
		_ = cardRef(params)
		_, _ = billIDOf(body)
	})
}
