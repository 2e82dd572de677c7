package drift_test

import (
	"strings"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/drift"
)

// Two answers of one operation with the same drift (at other array
// indexes) are one entry naming both specs; an operation whose answers
// agree is listed as no drift; undocumented paths are left out.
func TestBuildFoldsPerOperation(t *testing.T) {
	jsonl := `{"spec":"A","provider":"requisites","operation":"account/payments","status":200,"fake_status":200,"drift":[{"source":"contract","kind":"extra","pointer":"/data/0/x","live_type":"integer","example":"1"}]}
{"spec":"B","provider":"requisites","operation":"account/payments","status":200,"fake_status":200,"drift":[{"source":"contract","kind":"extra","pointer":"/data/3/x","live_type":"integer","example":"2"},{"source":"fake","kind":"shape-vs-fake","pointer":"/data/3/x","want":"absent","live_type":"integer"}]}
{"spec":"A","provider":"anorbank","operation":"login","status":200,"fake_status":200}
{"spec":"C","provider":"anorbank","path":"/nope","status":404}
`
	xs, err := drift.Read(strings.NewReader(jsonl))
	if err != nil {
		t.Fatal(err)
	}
	rep := drift.Build(xs, contracts.Providers, time.Unix(0, 0))
	if rep.Exchanges != 3 || rep.Replayed != 3 || rep.Contract != 1 || rep.Fake != 1 || len(rep.Operations) != 2 {
		t.Fatalf("report %+v", rep)
	}
	login, payments := rep.Operations[0], rep.Operations[1]
	if login.Operation != "login" || !login.NoDrift {
		t.Errorf("first operation %+v, want anorbank login (provider order) with no drift", login)
	}
	if payments.NoDrift || len(payments.Drift) != 2 {
		t.Fatalf("account/payments: %+v", payments)
	}
	e := payments.Drift[0]
	if e.Kind != drift.Extra || e.Count != 2 || strings.Join(e.Specs, ",") != "A,B" || e.Provider != "requisites" {
		t.Errorf("folded entry %+v, want extra counted twice for specs A and B", e)
	}
	md := string(rep.Markdown())
	for _, s := range []string{"| anorbank | login | 1 | 1 | no drift | no drift |", "## requisites account/payments", "`/data/0/x`", "| contract | extra |"} {
		if !strings.Contains(md, s) {
			t.Errorf("drift.md lacks %q:\n%s", s, md)
		}
	}
}

func TestReadRejectsABrokenLine(t *testing.T) {
	if _, err := drift.Read(strings.NewReader("{\"spec\":\n")); err == nil || !strings.Contains(err.Error(), ":1:") {
		t.Errorf("err = %v, want the line named", err)
	}
}

func TestWithoutExtras(t *testing.T) {
	c := contracts.MustLoad("requisites")
	op, _ := c.Operation("payment/{orderId}")
	body := []byte(`{"status":"success","code":0,"trace":"t","data":{"payment_status":"Введен","doc_id":"1180_1841519885","a/b":1}}`)
	fs := drift.VsContract(c, op, 200, body)
	if !drift.OnlyExtras(fs) {
		t.Fatalf("OnlyExtras(%+v) = false", fs)
	}
	if left := drift.VsContract(c, op, 200, drift.WithoutExtras(body, fs)); len(left) != 0 {
		t.Errorf("without its extras the answer still drifts: %+v", left)
	}
	missing := drift.VsContract(c, op, 200, []byte(`{"status":"success","code":0,"trace":"t","data":{"payment_status":"Введен"}}`))
	if drift.OnlyExtras(missing) || drift.OnlyExtras(nil) {
		t.Errorf("OnlyExtras is true with a missing field or nothing: %+v", missing)
	}
}
