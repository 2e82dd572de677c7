package mirror

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/paysandbox/paysandbox/testsuite/profile"
)

// A live profile whose every value differs from the default scenario's.
func liveProfiles() map[string]*profile.Provider {
	card := profile.Card{PAN: "8600111122223333", Expiry: "1230", Phone: "998911112233"}
	return map[string]*profile.Provider{
		"anorbank": {BaseURL: "https://anor.example/gw", Credentials: profile.Credentials{Username: "agent-7", Password: profile.NewSecret("live-pass")},
			Cards: []profile.Card{card}, RecipientID: 777},
		"aloqa": {BaseURL: "https://aloqa.example", Credentials: profile.Credentials{Username: "merchant-7", Password: profile.NewSecret("live-pass")},
			Cards: []profile.Card{card}, Recipients: []profile.Card{{PAN: "9860444455556666", Expiry: "0131"}}, MerchantID: "m-7", TerminalID: "t-7"},
		"paysys": {BaseURL: "https://paysys.example/api", Credentials: profile.Credentials{ServiceID: "svc-7", SecretKey: profile.NewSecret("live-key")},
			VendorID: 555, Wallets: []profile.Wallet{{Account: "70000000001"}}},
		"requisites": {BaseURL: "https://req.example", Credentials: profile.Credentials{Username: "live-user", Password: profile.NewSecret("live-pass")},
			ServiceID: 9, Card: &profile.PayCard{Type: "HUMO", Number: "9860777788889999"}},
	}
}

func TestValuesMapTheProfileOntoTheDefaultScenario(t *testing.T) {
	f, err := New(liveProfiles())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ provider, live, fake string }{
		{"anorbank", "agent-7", "sandbox"},
		{"anorbank", "live-pass", "sandbox"},
		{"anorbank", "777", "1001"},
		{"anorbank", "8600111122223333", "8600000000000001"},
		{"anorbank", "998911112233", "998901234567"},
		{"aloqa", "1230", "0727"}, // MMYY, as cards/add reads it
		{"aloqa", "3012", "2707"}, // YYMM, as the P2P routes read it
		{"aloqa", "9860444455556666", "9860000000000030"},
		{"aloqa", "m-7", "90000001"},
		{"aloqa", "t-7", "91000001"},
		{"paysys", "svc-7", "sandbox"},
		{"paysys", "555", "101596"},
		{"paysys", "70000000001", "79123456789"},
		{"requisites", "live-user", "gray"},
		{"requisites", "9", "34"},
		{"requisites", "9860777788889999", "9860000000000001"},
	}
	for _, tc := range tests {
		if got := f.values[tc.provider][tc.live]; got != tc.fake {
			t.Errorf("%s: %q maps to %q, want %q", tc.provider, tc.live, got, tc.fake)
		}
	}
}

// replay sends one live request through a session and returns the fake's answer.
func replay(t *testing.T, s *Session, provider, method, url, body string, liveBody string, header http.Header) (int, map[string]any) {
	t.Helper()
	req := httptest.NewRequest(method, url, strings.NewReader(body))
	for k, v := range header {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	status, out, ok := s.Replay(provider)(req, []byte(body), 200, []byte(liveBody))
	if !ok {
		t.Fatalf("%s %s not replayed", method, url)
	}
	var doc map[string]any
	_ = json.Unmarshal(out, &doc)
	return status, doc
}

func basic(user, pass string) http.Header {
	return http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))}}
}

// The fake answers a live Anor Bank session: the live login mapped onto
// the scenario's agent, the live token onto the fake's, a wrong password
// left wrong.
func TestReplayMapsCredentialsAndLearnsTokens(t *testing.T) {
	f, err := New(liveProfiles())
	if err != nil {
		t.Fatal(err)
	}
	s := f.Session("replay-anor")
	const liveLogin = `{"statusCode":0,"statusMessage":"OK","result":{"access_token":"LIVE-ACCESS-1","token_type":"bearer","refresh_token":"LIVE-REFRESH-1","expires_in":86398,"scope":"openid"}}`
	login := "https://anor.example/gw/api/ext/user/login"
	if status, _ := replay(t, s, "anorbank", "POST", login, `{"username":"agent-7","password":"nope"}`, `{}`, nil); status != 401 {
		t.Errorf("a wrong live password: fake %d, want 401", status)
	}
	if status, doc := replay(t, s, "anorbank", "POST", login, `{"username":"agent-7","password":"live-pass"}`, liveLogin, nil); status != 200 {
		t.Fatalf("the live login: fake %d %v, want 200", status, doc)
	}
	bearer := http.Header{"Authorization": {"Bearer LIVE-ACCESS-1"}}
	if status, doc := replay(t, s, "anorbank", "POST", "https://anor.example/gw/services/bmms/api/agent/status", `{"billId":null,"agentTranId":"t-1"}`, `{}`, bearer); status == 401 {
		t.Errorf("the live token: fake 401 %v", doc)
	}
	if status, doc := replay(t, s, "anorbank", "POST", "https://anor.example/gw/api/ext/user/refresh-token", `{"refreshToken":"LIVE-REFRESH-1"}`, `{}`, nil); status != 200 {
		t.Errorf("the live refresh token: fake %d %v", status, doc)
	}
	if _, _, ok := s.Replay("anorbank")(httptest.NewRequest("GET", "https://anor.example/other", nil), nil, 200, nil); ok {
		t.Error("a path outside the base URL was replayed")
	}
}

// A live card, its SMS code and the live transaction id reach the fake as
// the scenario's card, the code the fake sent and the fake's id; a code
// the spec got wrong on purpose stays wrong.
func TestReplayMapsCardsAndOTP(t *testing.T) {
	f, err := New(liveProfiles())
	if err != nil {
		t.Fatal(err)
	}
	s := f.Session("replay-aloqa")
	auth := basic("merchant-7", "live-pass")
	status, doc := replay(t, s, "aloqa", "POST", "https://aloqa.example/cards/add", `{"pan":"8600111122223333","expiry":"1230","phone":"998911112233"}`,
		`{"error":null,"result":{"phone":"998911112233","transactionId":424242}}`, auth)
	if status != 200 || doc["error"] != nil {
		t.Fatalf("cards/add with the live card: fake %d %v", status, doc)
	}
	s.Issued("135790", "998911112233")
	confirm := "https://aloqa.example/cards/add-confirm"
	if _, doc := replay(t, s, "aloqa", "POST", confirm, `{"transactionId":424242,"confirmedCode":"000000"}`, `{}`, auth); doc["error"] == nil {
		t.Errorf("a wrong code was accepted: %v", doc)
	}
	if _, doc := replay(t, s, "aloqa", "POST", confirm, `{"transactionId":424242,"confirmedCode":"135790"}`, `{}`, auth); doc["error"] != nil {
		t.Errorf("the live code did not become the fake's: %v", doc)
	}
}

// PaySys's signed Auth header is signed again with the fake's key when the
// live key signed it; a bad signature stays bad.
func TestReplayResignsPaySys(t *testing.T) {
	f, err := New(liveProfiles())
	if err != nil {
		t.Fatal(err)
	}
	s := f.Session("replay-paysys")
	sign := func(key, ts string) http.Header {
		sum := sha1.Sum([]byte(key + ts))
		return http.Header{"Auth": {"svc-7-" + hex.EncodeToString(sum[:]) + "-" + ts}}
	}
	body := `{"id":"t-1","method":"pam.check_payment","params":{"agr_transaction_id":1}}`
	ts := "1700000000000"
	if status, doc := replay(t, s, "paysys", "POST", "https://paysys.example/api/gateway", body, `{}`, sign("live-key", ts)); status != 200 {
		t.Errorf("the live signature: fake %d %v", status, doc)
	}
	if status, _ := replay(t, s, "paysys", "POST", "https://paysys.example/api/gateway", body, `{}`, sign("wrong", ts)); status != 401 {
		t.Errorf("a bad signature: fake %d, want 401", status)
	}
}

// A path with spaces, Unicode or an escaped slash reaches the fake as
// sent, escaped, and is answered (never a panic).
func TestReplayKeepsAnEscapedPath(t *testing.T) {
	f, err := New(liveProfiles())
	if err != nil {
		t.Fatal(err)
	}
	s := f.Session("replay-path")
	req := httptest.NewRequest("GET", "https://req.example/api/v2/payment/"+url.PathEscape("INV 1/счёт"), nil)
	req.Header = basic("live-user", "live-pass")
	status, body, ok := s.Replay("requisites")(req, nil, 200, nil)
	if !ok || status != 200 || !strings.Contains(string(body), "1008") {
		t.Errorf("replayed %v: %d %s, want the fake's 1008 for an unknown order", ok, status, body)
	}
}
