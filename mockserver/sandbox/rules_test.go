package sandbox

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/contracts/spec"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/scenarios"
)

// faultCases are POST /__admin/faults bodies and the problems they have
// (pointers into the body); none = accepted.
var faultCases = []struct {
	name, body string
	problems   []string
}{
	{"error on one operation", `{"provider":"anorbank","operation":"login","error":"internal error","times":2}`, nil},
	{"numeric code, list of operations", `{"provider":"aloqa","operation":["transactions/debit","p2p/fee-info"],"error":-32343}`, nil},
	{"a PaySys method", `{"provider":"paysys","operation":"pam.pay_by_cash","fault":"apply_then_drop"}`, nil},
	{"delay for every provider", `{"provider":"*","delay":"2s","match":{"pan":{"suffix":"0024"}}}`, nil},
	{"outcome and probability", `{"provider":"requisites","operation":"payment","outcome":{"final_status":null},"probability":0.5}`, nil},
	{"unknown code", `{"provider":"anorbank","error":"no such detail"}`,
		[]string{`/error: "no such detail" is not in the anorbank catalogue`}},
	{"unknown operation", `{"provider":"paysys","operation":["gateway","pam.nope"],"error":-32400}`,
		[]string{`/operation/1: "pam.nope" is not a paysys operation`}},
	{"error for every provider", `{"provider":"*","error":"timeout"}`,
		[]string{"/provider: an error rule names one provider (codes are per provider)"}},
	{"error and fault", `{"provider":"anorbank","error":"timeout","fault":"reset"}`,
		[]string{"/: a rule has error or fault, not both"}},
	{"negative delay", `{"provider":"*","delay":"-2s"}`, []string{"/delay: negative duration -2s; want 0s or more"}},
	{"bad regex", `{"provider":"aloqa","error":-32343,"match":{"pan":{"regex":"("}}}`, []string{"/match/pan: regex: "}},
	{"unknown key", `{"provider":"aloqa","error":-32343,"tmes":1}`, []string{"/tmes: unknown key"}},
	{"unknown fault", `{"provider":"aloqa","fault":"explode"}`, []string{"/fault: "}},
	{"no action", `{"provider":"aloqa"}`, []string{"/: missing property 'error'", "/: missing property 'fault'",
		"/: missing property 'delay'", "/: missing property 'outcome'"}},
}

// A fault body passes exactly the checks a scenario rule passes, with the
// same messages (pointers relative to the rule).
func TestFaultBodiesAndScenarioRulesPassTheSameChecks(t *testing.T) {
	for _, tc := range faultCases {
		t.Run(tc.name, func(t *testing.T) {
			_, ferr := parseFault([]byte(tc.body))
			_, serr := LoadScenario("s.yaml", []byte("version: 1\nrules: ["+tc.body+"]\n"))
			fp, sp := problems(ferr), problems(serr)
			if len(fp) != len(tc.problems) {
				t.Fatalf("fault problems %q, want %q", fp, tc.problems)
			}
			for i, want := range tc.problems {
				if !strings.HasPrefix(fp[i], want) {
					t.Errorf("fault problem %q, want %q...", fp[i], want)
				}
			}
			for i := range sp {
				sp[i] = strings.TrimPrefix(sp[i], "/rules/0")
				if strings.HasPrefix(sp[i], ":") {
					sp[i] = "/" + sp[i]
				}
			}
			if !slices.Equal(fp, sp) {
				t.Errorf("as a fault %q, as a scenario rule %q", fp, sp)
			}
		})
	}
}

func problems(err error) []string {
	var le *scenarios.LoadError
	if !errors.As(err, &le) {
		if err != nil {
			return []string{"not a LoadError: " + err.Error()}
		}
		return nil
	}
	var out []string
	for _, p := range le.Problems {
		path := p.Path
		if path == "" {
			path = "/"
		}
		out = append(out, path+": "+p.Message)
	}
	return out
}

// A fault differs from a file rule only where SCENARIOS.md says: times is
// at least 1 (an armed fault is used up; a file rule may be unlimited).
func TestFaultTimesIsAtLeastOne(t *testing.T) {
	if _, err := parseFault([]byte(`{"provider":"aloqa","error":-32343,"times":0}`)); err == nil {
		t.Error("times: 0 accepted for a fault")
	}
	if _, err := LoadScenario("s.yaml", []byte("version: 1\nrules: [{provider: aloqa, error: -32343, times: 0}]\n")); err != nil {
		t.Errorf("times: 0 (unlimited) rejected in a file: %v", err)
	}
}

// Both become engine rules through toEngineRule: the same body gives the
// same engine rule either way.
func TestFaultAndScenarioRuleMakeTheSameEngineRule(t *testing.T) {
	body := `{"name":"n","provider":"anorbank","operation":["login","hold/v2/more"],"error":"timeout",` +
		`"delay":"1500ms","match":{"pan":"8600000000000001","amount":{"gte":500},"body.x":{"regex":"^a"}},"times":3,"probability":0.25}`
	fault, err := parseFault([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := LoadScenario("s.yaml", []byte("version: 1\nrules: ["+body+"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	file := compileRules(sc.Rules)[0]
	if !reflect.DeepEqual(fault, file) {
		t.Fatalf("fault %+v\nfile rule %+v", fault, file)
	}
	want := rules.Rule{Name: "n", Provider: "anorbank", Operations: []string{"login", "hold/v2/more"}, Error: "timeout",
		Delay: 1500 * time.Millisecond, Times: 3, Probability: 0.25}
	got := fault
	got.Match = nil
	if !reflect.DeepEqual(got, want) || len(fault.Match) != 3 {
		t.Fatalf("engine rule %+v\nwant %+v and 3 matchers", fault, want)
	}
	for key, probe := range map[string]any{"pan": "8600000000000001", "amount": 500, "body.x": "abc"} {
		if !fault.Match[key].Test(probe, true) {
			t.Errorf("matcher %s does not match %v", key, probe)
		}
	}
}

// POST /__admin/faults answers as before: the armed list, or 400 with
// `invalid fault` (or `invalid request` for a body that is not JSON).
func TestPostFaultsAnswers(t *testing.T) {
	s := newServer(t, Options{})
	for _, tc := range faultCases {
		t.Run(tc.name, func(t *testing.T) {
			code, body := do(t, s, "POST", "/ns/faults/__admin/faults", tc.body)
			if tc.problems == nil {
				if code != 200 || body["faults"] == nil {
					t.Fatalf("got %d %v", code, body)
				}
				return
			}
			msg, _ := body["message"].(string)
			if code != 400 || body["error"] != "invalid fault" || !strings.Contains(msg, "POST /__admin/faults: "+tc.problems[0]) {
				t.Fatalf("got %d %v, want invalid fault %q", code, body, tc.problems[0])
			}
		})
	}
	code, body := do(t, s, "POST", "/ns/faults/__admin/faults", `{"provider":`)
	if code != 400 || body["error"] != "invalid request" {
		t.Fatalf("not JSON: got %d %v", code, body)
	}
	// A number math/big cannot hold (jsonschema/v6 panicked on it, and the
	// connection dropped with no answer).
	code, body = do(t, s, "POST", "/ns/faults/__admin/faults", `{"provider":"*","delay":"1s","probability":1e99999999}`)
	if msg, _ := body["message"].(string); code != 400 || body["error"] != "invalid fault" || !strings.Contains(msg, "/probability: number out of range") {
		t.Fatalf("a number beyond math/big: got %d %v", code, body)
	}
	_, body = do(t, s, "GET", "/ns/faults/__admin/faults", "")
	armed, _ := json.Marshal(body["faults"])
	if got := strings.Count(string(armed), `"remaining"`); got != 5 {
		t.Fatalf("%d faults armed, want 5: %s", got, armed)
	}
}

// The documents list what the Go code lists once: providers
// (contracts.Providers) and faults (rules.Faults), in scenarios/schema.json
// and in contracts/admin.yaml.
func TestDocumentedEnumsMatchTheGoLists(t *testing.T) {
	var schema struct {
		Defs struct {
			Rule struct {
				Properties struct {
					Provider struct{ Enum []string }
					Fault    struct{ Enum []string }
				}
			}
		} `json:"$defs"`
	}
	data, err := os.ReadFile("../../scenarios/schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	admin := spec.MustLoad("admin").Components.Schemas["FaultRequest"].Value
	adminEnum := func(prop string) []string {
		var out []string
		for _, v := range admin.Properties[prop].Value.Enum {
			s, _ := v.(string)
			out = append(out, s)
		}
		return out
	}
	providers := append(slices.Clone(contracts.Providers), "*")
	for _, tc := range []struct {
		name      string
		got, want []string
	}{
		{"schema.json rule providers", schema.Defs.Rule.Properties.Provider.Enum, providers},
		{"schema.json rule faults", schema.Defs.Rule.Properties.Fault.Enum, rules.Faults},
		{"admin.yaml fault providers", adminEnum("provider"), providers},
		{"admin.yaml fault faults", adminEnum("fault"), rules.Faults},
	} {
		if !slices.Equal(tc.got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
