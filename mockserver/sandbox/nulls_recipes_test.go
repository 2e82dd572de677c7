package sandbox

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/paysandbox/paysandbox/contracts"
)

// recipe is an operation's known-good request on the default scenario:
// the calls that make it valid (a bill to pay, a card token, an SMS code),
// then the body. "{{name}}" is filled from an earlier call's capture,
// "{{sms}}" with the newest SMS code; "{{#name}}" is a number (the quotes
// around it go).
type recipe struct {
	setup    []step
	body     string
	provider string
	op       *contracts.Operation
}

type step struct {
	path    string            // the operation's path under the provider
	body    string            // filled like recipe.body
	capture map[string]string // name -> dotted path in the answer
}

// decodeTarget is the body as a JSON object, placeholders still in.
func (r recipe) decodeTarget(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader([]byte(r.body)))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("recipe body: %v", err)
	}
	return m
}

// Setup calls the recipes share.
var (
	anorCheck = step{path: "/services/bmms/api/agent/unregistered-check",
		body:    `{"account":"30","recipientId":1001,"amount":1000,"currency":860,"agentTranId":"null-check","params":{"pan":"8600000000000001","exp":"0727"}}`,
		capture: map[string]string{"bill": "id"}}
	anorHold = step{path: "/services/bmms/api/agent/hold/v2/otp", body: `{"billId":"{{#bill}}","otp":"{{sms}}"}`}
	anorPay  = step{path: "/services/bmms/api/agent/unregistered-pay", body: `{"billId":"{{#bill}}","otp":"{{sms}}"}`}

	aloqaAdd     = step{path: "/cards/add", body: `{"pan":"8600000000000001","expiry":"0727","phone":"+998901234567"}`, capture: map[string]string{"tx": "result.transactionId"}}
	aloqaAddHumo = step{path: "/cards/add", body: `{"pan":"9860000000000001","expiry":"0727","phone":"+998901234567"}`, capture: map[string]string{"tx": "result.transactionId"}}
	aloqaConfirm = step{path: "/cards/add-confirm", body: `{"transactionId":"{{#tx}}","confirmedCode":"{{sms}}"}`, capture: map[string]string{"tok": "result.token"}}
	aloqaHold    = step{path: "/transactions/debit", body: `{"token":"{{tok}}","amount":5000,"merchantId":"90000001","terminalId":"91000001","is_hold":true}`,
		capture: map[string]string{"tx": "result.transactionId"}}
)

// p2p is the known-good transfer from a bound card (add) to pan.
func p2p(add step, pan string) []recipe {
	return []recipe{{setup: []step{add, aloqaConfirm},
		body: `{"token":"{{tok}}","pan":"` + pan + `","expiry":"2707","amount":5000,"force_sms_confirmation":false}`}}
}

// nullRecipes holds a known-good request for every operation with a JSON
// body, keyed "<provider> <operationId>".
var nullRecipes = map[string][]recipe{
	"anorbank login":         {{body: `{"username":"sandbox","password":"sandbox"}`}},
	"anorbank refresh-token": {{setup: []step{{path: "/api/ext/user/login", body: `{"username":"sandbox","password":"sandbox"}`, capture: map[string]string{"rt": "result.refresh_token"}}}, body: `{"refreshToken":"{{rt}}"}`}},
	"anorbank send-otp":      {{body: `{"pan":"8600000000000001","exp":"0727"}`}, {body: `{"pan":"8600000000000001","expiry":"0727"}`}},
	"anorbank verify-otp": {{setup: []step{{path: "/services/partnercardms/api/send-otp", body: `{"pan":"8600000000000001","exp":"0727"}`, capture: map[string]string{"id": "data.id"}}},
		body: `{"id":"{{#id}}","otp":"{{sms}}"}`}},
	"anorbank unregistered-check": {{body: anorCheck.body}},
	"anorbank unregistered-pay": {
		{setup: []step{anorCheck}, body: `{"billId":"{{#bill}}","otp":"{{sms}}","type":"PC"}`},
		{setup: []step{anorCheck}, body: `{"billid":"{{#bill}}","type":"PC","params":{"otp":"{{sms}}"}}`}, // AN-2, AN-10's other spellings
	},
	"anorbank hold/v2/otp": {{setup: []step{anorCheck}, body: `{"billId":"{{#bill}}","otp":"{{sms}}","type":"PC"}`}},
	"anorbank hold/v2/more": {{setup: []step{anorCheck, anorHold},
		body: `{"billId":"{{#bill}}","amount":100,"type":"UZCARD","params":{"pan":"8600000000000001","exp":"0727"}}`}},
	"anorbank hold/v2/confirm":         {{setup: []step{anorCheck, anorHold}, body: `{"billId":"{{#bill}}"}`}},
	"anorbank hold/v2/reverse":         {{setup: []step{anorCheck, anorHold}, body: `{"billId":"{{#bill}}"}`}},
	"anorbank hold/v2/reverse/partial": {{setup: []step{anorCheck, anorHold}, body: `{"billId":"{{#bill}}","reverseAmount":100}`}},
	"anorbank cancel/v3":               {{setup: []step{anorCheck, anorPay}, body: `{"billId":"{{#bill}}"}`}},
	"anorbank status":                  {{setup: []step{anorCheck}, body: `{"billId":"{{#bill}}","agentTranId":"null-check"}`}},
	"anorbank ext/agent/pay": {{body: `{"agentTranId":1668782814,"amount":100,"currency":860,` +
		`"from":{"type":"ACCOUNT","currency":860,"params":{"account":"20208000900100001001","mfo":"01183","name":"viplati"}},` +
		`"to":{"type":"PAN","currency":860,"params":{"pan":"9860000000000001","exp":"0727"}}}`}},

	"aloqa cards/add":          {{body: aloqaAdd.body}},
	"aloqa cards/add-confirm":  {{setup: []step{aloqaAdd}, body: aloqaConfirm.body}},
	"aloqa transactions/debit": {{setup: []step{aloqaAdd, aloqaConfirm}, body: `{"token":"{{tok}}","amount":5000,"merchantId":"90000001","terminalId":"91000001","is_hold":false,"force_sms_confirmation":false}`}},
	"aloqa transactions/debit/confirm": {{setup: []step{aloqaAdd, aloqaConfirm, {path: "/transactions/debit",
		body: `{"token":"{{tok}}","amount":5000,"merchantId":"90000001","terminalId":"91000001","force_sms_confirmation":true}`, capture: map[string]string{"tx": "result.transactionId"}}},
		body: `{"transactionId":"{{#tx}}","confirmedCode":"{{sms}}","is_hold":false}`}},
	"aloqa transactions/debit/reverse": {{setup: []step{aloqaAdd, aloqaConfirm, {path: "/transactions/debit",
		body: `{"token":"{{tok}}","amount":5000,"merchantId":"90000001","terminalId":"91000001"}`, capture: map[string]string{"tx": "result.transactionId"}}},
		body: `{"transactionId":"{{#tx}}"}`}},
	"aloqa transactions/debit/hold/charge": {{setup: []step{aloqaAdd, aloqaConfirm, aloqaHold}, body: `{"transactionId":"{{#tx}}"}`}},
	"aloqa transactions/debit/hold/cancel": {{setup: []step{aloqaAdd, aloqaConfirm, aloqaHold}, body: `{"transactionId":"{{#tx}}"}`}},
	"aloqa p2p/recipient-info":             {{body: `{"pan":"9860000000000030"}`}},
	"aloqa p2p/fee-info":                   {{body: `{"pan":"8600000000000001","pan2":"8600000000000030","phone":"998901234567","amount":5000}`}},
	"aloqa p2p/uzcard2uzcard":              p2p(aloqaAdd, "8600000000000030"),
	"aloqa p2p/uzcard2humo":                p2p(aloqaAdd, "9860000000000030"),
	"aloqa p2p/humo2uzcard":                p2p(aloqaAddHumo, "8600000000000030"),
	"aloqa p2p/humo2humo":                  p2p(aloqaAddHumo, "9860000000000030"),
	"aloqa p2p/confirm": {{setup: []step{aloqaAdd, aloqaConfirm, {path: "/p2p/uzcard2uzcard",
		body: `{"token":"{{tok}}","pan":"8600000000000030","expiry":"2707","amount":5000,"force_sms_confirmation":true}`, capture: map[string]string{"tx": "result.transactionId"}}},
		body: `{"transactionId":"{{#tx}}","confirmedCode":"{{sms}}"}`}},
	"aloqa cards/monitoring": {{setup: []step{aloqaAdd, aloqaConfirm},
		body: `{"tokens":["{{tok}}"],"from":"2020-01-01","to":"2099-12-31","page":0,"size":50}`}},
	"aloqa monitoring/get/entry": {{setup: []step{aloqaAdd, aloqaConfirm, aloqaHold, {path: "/cards/monitoring",
		body: `{"tokens":["{{tok}}"],"from":"2020-01-01","to":"2099-12-31","page":0,"size":50}`, capture: map[string]string{"id": "result.transactions.0._id"}}},
		body: `{"id":"{{id}}"}`}},

	"paysys gateway": {
		{body: `{"id":"null-1","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"UZS","amount":12000,"vendor_id":101596}}}`},
		{setup: []step{{path: "/gateway", body: `{"id":1,"method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","amount":12000,"vendor_id":101596}}}`,
			capture: map[string]string{"tx": "result.details.transaction_id"}}},
			body: `{"id":"null-2","method":"pam.check_payment","params":{"agr_transaction_id":"{{#tx}}"}}`},
	},

	// Service 33 is CARD_IS_OPTIONAL: the card fields are optional there.
	"requisites payment": {{body: `{"orderId":"null-1","amount":"500000","comissionAmount":"20000","purpose":"Test 24/7","serviceId":"33",` +
		`"receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789",` +
		`"cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`}},
	"requisites paymentBudget": {{body: `{"orderId":"null-2","amount":"500000","comissionAmount":"20000","purpose":"Test 24/7","serviceId":"33",` +
		`"receiverAccount":"400522860262837950100251028","innReceiver":"207099143","purposeCode":"09510",` +
		`"cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`}},
	"requisites account/payments": {{body: `{"type":"0","lastId":0,"fromDate":"2000-01-01","toDate":"2100-01-01","serviceId":34}`}},
}
