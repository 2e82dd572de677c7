package rules

import (
	"encoding/json"
	"testing"
)

func matcher(t *testing.T, js string) Matcher {
	t.Helper()
	var m Matcher
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return m
}

func TestMatchers(t *testing.T) {
	tests := []struct {
		m    string
		v    any
		ok   bool
		want bool
	}{
		{`"8600000000000024"`, "8600000000000024", true, true},
		{`"8600000000000024"`, "8600000000000001", true, false},
		{`500000`, int64(500000), true, true},
		{`{"gte": 500000}`, int64(500000), true, true},
		{`{"gt": 500000}`, int64(500000), true, false},
		{`{"lt": 10}`, int64(9), true, true},
		{`{"in": ["a", "b"]}`, "b", true, true},
		{`{"suffix": "3333"}`, "20208000900000033333", true, true},
		{`{"prefix": "9860"}`, "8600000000000001", true, false},
		{`{"regex": "^86"}`, "8600", true, true},
		{`{"exists": true}`, nil, false, false},
		{`{"exists": false}`, nil, false, true},
		{`"x"`, nil, false, false},
		// 16-digit PANs above 2^53 must not collide as floats would.
		{`"9860000000000024"`, "9860000000000023", true, false},
		{`{"in": ["8600000000000024", "9860000000000024"]}`, "9860000000000025", true, false},
		{`{"in": ["8600000000000024", "9860000000000024"]}`, "9860000000000024", true, true},
		{`9860000000000024`, "9860000000000024", true, true},
		{`100`, "100", true, true},
	}
	for _, tc := range tests {
		if got := matcher(t, tc.m).Test(tc.v, tc.ok); got != tc.want {
			t.Errorf("%s on %v: got %v, want %v", tc.m, tc.v, got, tc.want)
		}
	}
	var m Matcher
	for _, bad := range []string{`{"nope": 1}`, `{"regex": "("}`, `{"eq": 1, "in": [1]}`} {
		if err := json.Unmarshal([]byte(bad), &m); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestArmedFaultsComeFirstAndRunOut(t *testing.T) {
	e := NewEngine([]Rule{{Name: "file", Provider: "aloqa", Error: "-32318"}}, 1)
	e.Arm(Rule{Provider: "aloqa", Operations: []string{"transactions/debit"}, Error: "-32309", Times: 2})
	facts := FactMap{}
	for i, want := range []string{"-32309", "-32309", "-32318"} {
		act, ok := e.Evaluate("aloqa", "transactions/debit", facts)
		if !ok || act.Error != want {
			t.Fatalf("call %d: got %+v, want %s", i, act, want)
		}
	}
	if _, ok := e.Evaluate("anorbank", "login", facts); ok {
		t.Fatal("a rule of another provider matched")
	}
	if len(e.Armed()) != 0 {
		t.Fatal("a spent fault is still armed")
	}
}

func TestRuleMatchAndTimes(t *testing.T) {
	var m Matcher
	_ = json.Unmarshal([]byte(`{"suffix": "1111"}`), &m)
	e := NewEngine([]Rule{{Provider: "requisites", Operations: []string{"payment"}, Match: map[string]Matcher{"account": m}, Error: "1111", Times: 1}}, 1)
	if _, ok := e.Evaluate("requisites", "payment", FactMap{"account": "20208000000000002222"}); ok {
		t.Fatal("matched the wrong account")
	}
	if _, ok := e.Evaluate("requisites", "payment", FactMap{"account": "20208000000000001111"}); !ok {
		t.Fatal("did not match")
	}
	if _, ok := e.Evaluate("requisites", "payment", FactMap{"account": "20208000000000001111"}); ok {
		t.Fatal("times: 1 matched twice")
	}
}
