package drift_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/drift"
)

// want is one finding a test expects: kind at pointer.
type want struct{ kind, pointer string }

func kinds(fs []drift.Finding) []want {
	out := make([]want, 0, len(fs))
	for _, f := range fs {
		out = append(out, want{f.Kind, f.Pointer})
	}
	return out
}

const paymentOK = `{"status":"success","code":0,"data":{"payment_status":"Введен","doc_id":"1180_1841519885"}}`

func TestVsContract(t *testing.T) {
	tests := []struct {
		name, provider, op string
		status             int
		body               string
		want               []want
		failure            bool // some finding fails the spec too
	}{
		{"a faithful answer", "requisites", "payment/{orderId}", 200, paymentOK, nil, false},
		{"a renamed field is missing and extra", "requisites", "payment/{orderId}", 200,
			strings.Replace(paymentOK, `"doc_id"`, `"document_id"`, 1),
			[]want{{drift.Missing, "/data/doc_id"}, {drift.Extra, "/data/document_id"}}, true},
		{"an extra field alone is drift, not a failure", "requisites", "payment/{orderId}", 200,
			strings.Replace(paymentOK, `"code":0,`, `"code":0,"trace":"x",`, 1), []want{{drift.Extra, "/trace"}}, false},
		{"a string turned into a number", "requisites", "payment/{orderId}", 200,
			strings.Replace(paymentOK, `"Введен"`, `42`, 1), []want{{drift.Type, "/data/payment_status"}}, true},
		{"a status string outside the enum", "requisites", "payment/{orderId}", 200,
			strings.Replace(paymentOK, `"Введен"`, `"Отклонен"`, 1), []want{{drift.Enum, "/data/payment_status"}}, true},
		{"a string not of the pattern", "requisites", "payment/{orderId}", 200,
			strings.Replace(paymentOK, `1180_1841519885`, `DOC-1`, 1), []want{{drift.Format, "/data/doc_id"}}, true},
		{"an error code neither the schema nor the catalogue knows", "requisites", "payment/{orderId}", 200,
			`{"status":"error","code":9999,"message":"?","data":null}`, []want{{drift.Enum, "/code"}, {drift.Code, "/code"}}, true},
		{"a documented error", "requisites", "payment/{orderId}", 200,
			`{"status":"error","code":1008,"message":"Не удалось получить данные","data":null}`, nil, false},
		{"a status only the default answer covers, without a catalogue code", "requisites", "payment/{orderId}", 502,
			`<html>Bad Gateway</html>`, []want{{drift.Status, ""}}, false},
		{"an Anor Bank detail not in the catalogue", "anorbank", "login", 401,
			`{"status":401,"detail":"token revoked","title":"x","langs":{"uz":"x","en":"x","ru":"x"}}`, []want{{drift.Enum, "/detail"}, {drift.Code, "/detail"}}, true},
		{"null where a nullable oneOf allows it", "paysys", "gateway", 200,
			`{"id":null,"error":{"code":-32601,"message":"Запрашиваемый метод не найден."},"result":null}`, nil, false},
		{"the best branch of a oneOf names the difference", "aloqa", "cards/add", 200,
			`{"error":null,"result":{"phone":"998901234567","transactionId":123,"extra":1}}`, []want{{drift.Extra, "/result/extra"}}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := contracts.MustLoad(tc.provider)
			op, ok := c.Operation(tc.op)
			if !ok {
				t.Fatalf("no operation %s", tc.op)
			}
			fs := drift.VsContract(c, op, tc.status, []byte(tc.body))
			got := kinds(fs)
			if !slices.Equal(got, tc.want) {
				t.Fatalf("findings %v, want %v (%+v)", got, tc.want, fs)
			}
			failure := false
			for _, f := range fs {
				failure = failure || f.Failure
				if f.Source != drift.AgainstContract || f.LiveType == "" {
					t.Errorf("finding %+v: want source contract and a live type", f)
				}
			}
			if failure != tc.failure {
				t.Errorf("failure = %v, want %v (%+v)", failure, tc.failure, fs)
			}
		})
	}
}

// The examples a report shows are cleaned for humans: a card number
// masked, a token redacted by its field's name.
func TestExamplesAreCleaned(t *testing.T) {
	c := contracts.MustLoad("requisites")
	op, _ := c.Operation("payment/{orderId}")
	body := `{"status":"success","code":0,"data":{"payment_status":"Введен","doc_id":"1180_1841519885","pan":"8600123456780001","access_token":"eyJhbGciOi.secret"}}`
	text := ""
	for _, f := range drift.VsContract(c, op, 200, []byte(body)) {
		text += f.Example + " "
	}
	for _, leak := range []string{"8600123456780001", "eyJhbGciOi"} {
		if strings.Contains(text, leak) {
			t.Errorf("examples show %q: %s", leak, text)
		}
	}
	if !strings.Contains(text, "860012******0001") {
		t.Errorf("examples lack the masked card: %s", text)
	}
}
