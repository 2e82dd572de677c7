package aloqahttp_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

func mustServer(tb testing.TB) *httptest.Server {
	tb.Helper()
	var logs bytes.Buffer
	srv, err := sandbox.New(sandbox.Options{Strict: true, Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelError}))})
	if err != nil {
		tb.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	tb.Cleanup(func() {
		hs.Close()
		srv.Close()
		if strings.Contains(logs.String(), "CONTRACT VIOLATION") {
			tb.Errorf("strict mode found contract violations:\n%s", logs.String())
		}
	})
	return hs
}

type answer struct {
	header http.Header
	status int
	code   int
	msg    string
	result json.RawMessage
}

func post(tb testing.TB, hs *httptest.Server, method, path, body, user string) answer {
	tb.Helper()
	req, _ := http.NewRequest(method, hs.URL+"/ns/t/aloqa"+path, strings.NewReader(body))
	if user != "" {
		req.SetBasicAuth(user, "sandbox")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var env struct {
		Error *struct {
			Code    int    `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		tb.Fatalf("%s %s: not the envelope: %s", method, path, data)
	}
	a := answer{header: resp.Header, status: resp.StatusCode, result: env.Result}
	if env.Error != nil {
		a.code, a.msg = env.Error.Code, env.Error.Message
		if string(env.Result) != "null" {
			tb.Fatalf("error envelope with result %s", env.Result)
		}
	}
	return a
}

func TestBadInputGetsTheEnvelope(t *testing.T) {
	hs := mustServer(t)
	big := `{"pan":"` + strings.Repeat("1", 1<<20) + `"}`
	tests := []struct {
		name, method, path, body, user string
		status, code                   int
	}{
		{"no auth", "POST", "/cards/add", `{}`, "", 401, -32504},
		{"wrong password user", "POST", "/cards/add", `{}`, "nobody", 401, -32504},
		{"not JSON", "POST", "/cards/add", `{"pan":`, "sandbox", 200, -32700},
		{"trailing garbage", "POST", "/cards/add", `{} {}`, "sandbox", 200, -32700},
		{"empty body", "POST", "/cards/add", ``, "sandbox", 200, -32700},
		{"not an object", "POST", "/cards/add", `[1,2]`, "sandbox", 200, -32600},
		{"over 1 MiB", "POST", "/cards/add", big, "sandbox", 200, -32600},
		{"wrong type", "POST", "/cards/add", `{"pan":5,"expiry":"0727","phone":"998901234567"}`, "sandbox", 200, -32300},
		{"missing field", "POST", "/cards/add", `{"pan":"8600000000000001","expiry":"0727"}`, "sandbox", 200, -32300},
		{"null field", "POST", "/transactions/debit/reverse", `{"transactionId":null}`, "sandbox", 200, -32300},
		{"amount not numeric", "POST", "/p2p/fee-info", feeBody(`"12a"`), "sandbox", 200, -32385},
		{"amount 1e3", "POST", "/p2p/fee-info", feeBody(`1e3`), "sandbox", 200, -32385},
		{"amount 100.0", "POST", "/p2p/fee-info", feeBody(`100.0`), "sandbox", 200, -32385},
		{"amount \"100.0\"", "POST", "/p2p/fee-info", feeBody(`"100.0"`), "sandbox", 200, -32385},
		{"amount blank", "POST", "/p2p/fee-info", feeBody(`" "`), "sandbox", 200, -32300},
		{"amount null", "POST", "/p2p/fee-info", feeBody(`null`), "sandbox", 200, -32300},
		{"amount an object", "POST", "/p2p/fee-info", feeBody(`{}`), "sandbox", 200, -32300},
		{"PAN with spaces", "POST", "/cards/add", `{"pan":"8600 0000 0000 0001","expiry":"0727","phone":"998901234567"}`, "sandbox", 200, -32304},
		{"expiry with a slash", "POST", "/cards/add", `{"pan":"8600000000000001","expiry":"07/27","phone":"998901234567"}`, "sandbox", 200, -32305},
		{"unknown path", "POST", "/cards/nope", `{}`, "sandbox", 200, -32601},
		{"wrong method", "GET", "/cards/add", ``, "sandbox", 200, -32601},
		{"unknown id", "POST", "/transactions/debit/hold/charge", `{"transactionId":"123"}`, "sandbox", 200, -32314},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := post(t, hs, tc.method, tc.path, tc.body, tc.user)
			if got.status != tc.status || got.code != tc.code || got.msg == "" {
				t.Fatalf("got HTTP %d code %d %q, want HTTP %d code %d", got.status, got.code, got.msg, tc.status, tc.code)
			}
			// D-19: every Basic 401 carries the challenge, and nothing else does.
			if challenge, want := got.header.Get("WWW-Authenticate"), tc.status == 401; (challenge == `Basic realm="aloqa"`) != want || (!want && challenge != "") {
				t.Fatalf("WWW-Authenticate %q on HTTP %d", challenge, got.status)
			}
		})
	}
}

func feeBody(amount string) string {
	return `{"pan":"8600000000000001","pan2":"8600000000000030","phone":"998901234567","amount":` + amount + `}`
}

func TestLenientAmountAndPhone(t *testing.T) {
	hs := mustServer(t)
	// AQ-5: amount as a numeric string; AQ-6: phone with +.
	got := post(t, hs, "POST", "/p2p/fee-info", `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"+998901234567","amount":"5000"}`, "sandbox")
	if got.code != 0 || string(got.result) != `{"fee":50,"feeRate":"1","amountTotal":5050}` {
		t.Fatalf("got %+v %s", got, got.result)
	}
}

// FuzzDecode throws arbitrary bodies at every operation: the answer is
// always the envelope with HTTP 200 (never a panic or a bare 500).
func FuzzDecode(f *testing.F) {
	hs := mustServer(f)
	for _, s := range []string{`{}`, `{"amount":"1"}`, `{"transactionId":1e99}`, `[`, `{"tokens":[1]}`, "\x00"} {
		f.Add(uint8(0), s)
		f.Add(uint8(7), s)
	}
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		got := post(t, hs, "POST", paths[int(op)%len(paths)], body, "sandbox")
		if got.status != 200 {
			t.Fatalf("HTTP %d for %q", got.status, body)
		}
	})
}

var paths = []string{"/cards/add", "/cards/add-confirm", "/transactions/debit", "/transactions/debit/confirm",
	"/transactions/debit/reverse", "/transactions/debit/hold/charge", "/transactions/debit/hold/cancel",
	"/p2p/recipient-info", "/p2p/fee-info", "/p2p/uzcard2uzcard", "/p2p/humo2humo", "/p2p/confirm",
	"/cards/monitoring", "/monitoring/get/entry"}

// A documented path with one trailing slash is that path (issue 11); two
// slashes, or a slash after an unknown path, are still -32601.
func TestTrailingSlash(t *testing.T) {
	hs := mustServer(t)
	body := `{"pan":"8600000000000001","pan2":"9860000000000030","phone":"998901234567","amount":5000}`
	tests := []struct {
		path string
		code int
	}{
		{"/p2p/fee-info", 0},
		{"/p2p/fee-info/", 0},
		{"/p2p/fee-info//", -32601},
		{"/p2p/nope/", -32601},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			got := post(t, hs, "POST", tc.path, body, "sandbox")
			if got.status != 200 || got.code != tc.code {
				t.Fatalf("got HTTP %d code %d, want 200 code %d", got.status, got.code, tc.code)
			}
		})
	}
}

// bindOver binds pan through HTTP and returns add-confirm's result.
func bindOver(t *testing.T, hs *httptest.Server, pan string) map[string]any {
	t.Helper()
	got := post(t, hs, "POST", "/cards/add", `{"pan":"`+pan+`","expiry":"0727","phone":"998901234567"}`, "sandbox")
	var sent struct{ TransactionID int64 }
	if got.code != 0 || json.Unmarshal(got.result, &sent) != nil {
		t.Fatalf("cards/add %s: %+v", pan, got)
	}
	resp, err := http.Get(hs.URL + "/ns/t/__admin/sms?phone=998901234567")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var box struct{ Messages []struct{ Code string } }
	if err := json.NewDecoder(resp.Body).Decode(&box); err != nil || len(box.Messages) == 0 {
		t.Fatalf("sms outbox: %v %+v", err, box)
	}
	body := `{"transactionId":` + strconv.FormatInt(sent.TransactionID, 10) + `,"confirmedCode":"` + box.Messages[0].Code + `"}`
	got = post(t, hs, "POST", "/cards/add-confirm", body, "sandbox")
	var info map[string]any
	if got.code != 0 || json.Unmarshal(got.result, &info) != nil {
		t.Fatalf("cards/add-confirm %s: %+v", pan, got)
	}
	return info
}

// add-confirm shows the card's real status and wrong-PIN count (issue 11).
func TestAddConfirmShowsTheCardStatus(t *testing.T) {
	hs := mustServer(t)
	tests := []struct {
		pan            string
		status, pincnt float64
	}{
		{"8600000000000001", 0, 0},
		{"8600000000000003", 1, 0}, // blocked
		{"8600000000000007", 2, 0}, // temporarily blocked
		{"8600000000000008", 3, 0}, // blacklisted
		{"8600000000000009", 4, 3}, // PIN locked
		{"8600000000000010", 5, 0}, // account blocked
	}
	for _, tc := range tests {
		t.Run(tc.pan, func(t *testing.T) {
			info := bindOver(t, hs, tc.pan)
			if info["status"] != tc.status || info["pincnt"] != tc.pincnt {
				t.Fatalf("status %v pincnt %v, want %v %v", info["status"], info["pincnt"], tc.status, tc.pincnt)
			}
		})
	}
}

// The app-name header is recorded in the journal (AQ-11), even on a 401.
func TestAppNameInTheJournal(t *testing.T) {
	hs := mustServer(t)
	for _, user := range []string{"sandbox", "nobody"} {
		req, _ := http.NewRequest("POST", hs.URL+"/ns/t/aloqa/p2p/fee-info", strings.NewReader(feeBody("5000")))
		req.SetBasicAuth(user, "sandbox")
		req.Header.Set("app-name", "Kundalik-"+user)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	resp, err := http.Get(hs.URL + "/ns/t/__admin/requests?provider=aloqa")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var j struct{ Requests []struct{ Client string } }
	if err := json.NewDecoder(resp.Body).Decode(&j); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range j.Requests {
		got = append(got, r.Client)
	}
	if want := []string{"Kundalik-nobody", "Kundalik-sandbox"}; !slices.Equal(got, want) {
		t.Fatalf("journal clients %q, want %q", got, want)
	}
}
