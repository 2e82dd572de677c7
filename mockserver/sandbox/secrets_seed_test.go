package sandbox

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// The seeds of TestNoSecretInStateViewsJournalOrDebugLog: each sends a
// provider its secrets through the real API (card numbers with spaces,
// dashes and JSON escapes, in free-text fields and headers; passwords
// under escaped keys; tokens and one-time codes it hands out) and returns
// the raw values.

func basicAuth(user, pass string) map[string]string {
	return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))}
}

func seedAnorbank(c *secretClient) []string {
	const pan, password = "8600000000000001", "Hunter2-anor-pw"
	var login struct {
		Result struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
		} `json:"result"`
	}
	c.json("/anorbank/api/ext/user/login", map[string]string{"X-Request-Id": "req 8600 0000 0000 0001"},
		`{"username":"sandbox","password":"sandbox"}`, &login)
	bearer := map[string]string{"Authorization": "Bearer " + login.Result.AccessToken}
	// A refused login whose password hides under an escaped key (after a
	// good one: a refused call alone creates no namespace to journal in).
	c.call("POST", "/anorbank/api/ext/user/login", nil, `{"username":"sandbox","pass\u0077ord":"`+password+`"}`)
	var bill struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	c.json("/anorbank/services/bmms/api/agent/unregistered-check", bearer,
		`{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"card 8600-0000-0000-0001",`+
			`"params":{"pan":"\u0038600000000000001","exp":"0727"}}`, &bill)
	if bill.Status != "CHECK_OK" {
		c.t.Fatalf("anorbank check: %+v", bill)
	}
	otp := c.smsCode("998901234567")
	var paid struct{ Status string }
	c.json("/anorbank/services/bmms/api/agent/unregistered-pay", bearer,
		fmt.Sprintf(`{"billid":%d,"type":"PC","params":{"otp":%q}}`, bill.ID, otp), &paid)
	if paid.Status != "SUCCESS" {
		c.t.Fatalf("anorbank pay: %+v", paid)
	}
	return []string{pan, password, login.Result.AccessToken, login.Result.RefreshToken, otp}
}

func seedAloqa(c *secretClient) []string {
	const pan = "8600000000000030"
	h := basicAuth("sandbox", "sandbox")
	h["app-name"] = "shop 8600 0000 0000 0030"
	h["X-Request-Id"] = "8600-0000-0000-0030"
	// The documented spellings a client may send, refused or not.
	for _, spelled := range []string{"8600 0000 0000 0030", "8600-0000-0000-0030"} {
		c.call("POST", "/aloqa/cards/add", h, `{"pan":"`+spelled+`","expiry":"0727","phone":"998907654321"}`)
	}
	var added struct {
		Result struct{ TransactionID json.Number } `json:"result"`
	}
	c.json("/aloqa/cards/add", h, `{"pan":"\u0038600000000000030","expiry":"0727","phone":"998907654321"}`, &added)
	code := c.smsCode("998907654321")
	var confirmed struct {
		Result struct{ Token string } `json:"result"`
	}
	c.json("/aloqa/cards/add-confirm", h, fmt.Sprintf(`{"transactionId":%s,"confirmedCode":%q}`, added.Result.TransactionID, code), &confirmed)
	if confirmed.Result.Token == "" {
		c.t.Fatalf("aloqa add-confirm gave no token")
	}
	var debit struct{ Error any }
	c.json("/aloqa/transactions/debit", h, fmt.Sprintf(`{"token":%q,"amount":100,"merchantId":"90000001","terminalId":"91000001","is_hold":true}`,
		confirmed.Result.Token), &debit)
	if debit.Error != nil {
		c.t.Fatalf("aloqa debit: %v", debit.Error)
	}
	return []string{pan, confirmed.Result.Token, code}
}

func seedPaysys(c *secretClient) []string {
	const pan, password = "9860000000000001", "Hunter2-paysys-pw"
	c.call("POST", "/paysys/gateway", basicAuth("sandbox", password), `{"jsonrpc":"2.0","id":"1","method":"pam.pay_by_cash","params":{}}`)
	var paid struct{ Error any }
	c.json("/paysys/gateway", basicAuth("sandbox", "sandbox"),
		`{"jsonrpc":"2.0","id":"9860 0000 0000 0001","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":100,"vendor_id":101596}}}`, &paid)
	if paid.Error != nil {
		c.t.Fatalf("paysys pay: %v", paid.Error)
	}
	return []string{pan, password}
}

func seedRequisites(c *secretClient) []string {
	const pan, password = "9860531554896678", "Hunter2-req-pw"
	c.call("POST", "/requisites/api/v2/payment", basicAuth("gray", password), `{}`)
	var paid struct{ Status string }
	c.json("/requisites/api/v2/payment", basicAuth("gray", "p@ssw0rd"),
		`{"orderId":"9860-5315-5489-6678","amount":"100","comissionAmount":"0","purpose":"to card 9860 5315 5489 6678","serviceId":"34",`+
			`"receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789",`+
			`"cardType":"HUMO","cardNumber":"\u0039860531554896678","refNumber":"016351273642"}`, &paid)
	if paid.Status != "success" {
		c.t.Fatalf("requisites payment: %+v", paid)
	}
	return []string{pan, password}
}
