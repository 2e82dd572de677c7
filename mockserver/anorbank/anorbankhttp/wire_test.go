package anorbankhttp

import (
	"bytes"
	"encoding/json"
	"testing"
)

func decodeObj(tb testing.TB, s string) map[string]any {
	tb.Helper()
	dec := json.NewDecoder(bytes.NewReader([]byte(s)))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		tb.Fatal(err)
	}
	return m
}

func TestLenientReaders(t *testing.T) {
	for _, tc := range []struct {
		name, body, otp string
		amount          int64
		amountOK        bool
	}{
		{"params object (the example)", `{"params": {"otp": "445566"}, "amount": 100}`, "445566", 100, true},
		{"top-level otp wins", `{"otp": "1", "params": {"otp": "2"}, "amount": "250"}`, "1", 250, true},
		{"params as a JSON string", `{"params": "{\"otp\":\"777\"}", "amount": "0"}`, "777", 0, false},
		{"params as free text", `{"params": "not stored", "amount": -3}`, "", 0, false},
		{"no otp, float amount", `{"amount": 1.5}`, "", 0, false},
		{"huge amount stays exact", `{"amount": 9007199254740993}`, "", 9007199254740993, true},
		{"amount not a number", `{"amount": "12a"}`, "", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := decodeObj(t, tc.body)
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

func TestBillIDPrecedence(t *testing.T) {
	for _, tc := range []struct {
		body string
		want int64
		ok   bool
	}{
		{`{"billId": 5, "billid": 6}`, 5, true},
		{`{"billid": "7"}`, 7, true},
		{`{"billid": -1}`, 0, false},
		{`{}`, 0, false},
	} {
		body := decodeObj(t, tc.body)
		req := &request{body: body}
		for _, k := range []string{"billId", "billid"} {
			if v, ok := body[k]; ok {
				req.billID = v
				break
			}
		}
		id, err := billIDOf(req)
		if (err == nil) != tc.ok || int64(id) != tc.want {
			t.Errorf("%s: id %d, err %v", tc.body, id, err)
		}
	}
}

// The lenient readers never panic on any JSON object.
func FuzzLenientReaders(f *testing.F) {
	for _, s := range []string{`{}`, `{"params": {"otp": 1}}`, `{"params": "{"}`, `{"amount": [1]}`, `{"id": "1e3"}`, `{"params": {"pan": 5, "expiry": null}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dec := json.NewDecoder(bytes.NewReader([]byte(s)))
		dec.UseNumber()
		var m map[string]any
		if dec.Decode(&m) != nil {
			return
		}
		_ = otpOf(m)
		_, _ = amountOf(m, "amount")
		_, _ = intOf(m["id"])
		_ = textOf(m["agentTranId"])
		_ = cardRef(obj(m, "params"))
		_, _ = billIDOf(&request{body: m, billID: m["billId"]})
	})
}
