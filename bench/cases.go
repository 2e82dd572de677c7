package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

const referenceCase = "(a) plain net/http, same JSON"

type benchCase struct {
	name   string
	server string  // plain | sandbox | strict
	target float64 // minimum ratio to the reference, 0 = none
	prep   func(addr string) (rawRequest, accept, error)
}

func (c benchCase) run(srv *child, conns int, dur, warm time.Duration) (result, error) {
	req, ok, err := c.prep(srv.addr)
	if err != nil {
		return result{}, fmt.Errorf("setup: %w", err)
	}
	before := cpuTime(srv.cmd.Process.Pid)
	r, err := load(srv.addr, conns, dur, warm, req, ok)
	r.cpu = cpuTime(srv.cmd.Process.Pid) - before
	return r, err
}

// Targets (issue 15): ratios to the reference in the same run, judged on
// the smaller of the req/s and CPU-per-request ratios.
const (
	readOnly    = 0.90
	stateChange = 0.75
	strict      = 0.55
)

func cases() []benchCase {
	return []benchCase{
		{referenceCase, "plain", 0, prepPlain},
		{"(b) Anor status (read-only)", "sandbox", readOnly, prepAnorStatus},
		{"(b) requisites services (read-only)", "sandbox", readOnly, prepRequisitesServices},
		{"(c) Anor unregistered-check", "sandbox", stateChange, prepAnorCheck},
		{"(c) Aloqa transactions/debit", "sandbox", stateChange, prepAloqaDebit},
		{"(c) requisites payment", "sandbox", stateChange, prepRequisitesPayment},
		{"(c) PaySys pam.pay_by_cash", "sandbox", stateChange, prepPaysysPay},
		{"(c) Anor unregistered-check, 1,000 namespaces", "sandbox", stateChange, prepAnorCheckSpread},
		{"(c) Anor unregistered-check, -strict", "strict", strict, prepAnorCheck},
		{"(c) Aloqa transactions/debit, -strict", "strict", strict, prepAloqaDebit},
		{"(c) requisites payment, -strict", "strict", strict, prepRequisitesPayment},
		{"(c) PaySys pam.pay_by_cash, -strict", "strict", strict, prepPaysysPay},
		// The price of durability (issue 13.6): the same state change with a
		// state file saved every second, and with every answer waiting for
		// its fsynced log record (group commit). No target: it is the disk's.
		{"(d) Anor check, -state-sync interval", "state-interval", 0, prepAnorCheck},
		{"(d) Anor check, -state-sync always", "state-always", 0, prepAnorCheck},
	}
}

func checkBody(i int64) []byte {
	return fmt.Appendf(nil, `{"account":"30","recipientId":1001,"amount":"100","currency":860,"agentTranId":"bench-%d","params":{"pan":"8600000000000001","exp":"0727"}}`, i)
}

func prepPlain(addr string) (rawRequest, accept, error) {
	return func(i int64) []byte { return httpRequest("POST", "/check", addr, nil, checkBody(i)) }, status200, nil
}

func status200(status int, body []byte) bool { return status == 200 }

// anorOK: HTTP 200 and not a nested bmms error (AN-1).
func anorOK(status int, body []byte) bool {
	return status == 200 && !bytes.Contains(body, []byte(`"detail"`))
}

func aloqaOK(status int, body []byte) bool {
	return status == 200 && bytes.Contains(body, []byte(`"error":null`))
}

func requisitesOK(status int, body []byte) bool {
	return status == 200 && bytes.Contains(body, []byte(`"status":"success"`))
}

func anorLogin(addr string) (string, error) { return anorLoginAt(addr, "") }

// anorLoginAt logs in within the namespace prefix ns ("" or "/ns/<name>").
func anorLoginAt(addr, ns string) (string, error) {
	var out struct {
		Result struct {
			AccessToken string `json:"access_token"`
		} `json:"result"`
	}
	err := post("http://"+addr+ns+"/anorbank/api/ext/user/login", nil, map[string]any{"username": "sandbox", "password": "sandbox"}, &out)
	if err == nil && out.Result.AccessToken == "" {
		err = fmt.Errorf("login: no token")
	}
	return out.Result.AccessToken, err
}

func prepAnorCheck(addr string) (rawRequest, accept, error) {
	token, err := anorLogin(addr)
	if err != nil {
		return nil, nil, err
	}
	h := map[string]string{"Authorization": "Bearer " + token}
	return func(i int64) []byte {
		return httpRequest("POST", "/anorbank/services/bmms/api/agent/unregistered-check", addr, h, checkBody(i))
	}, anorOK, nil
}

// spreadNamespaces is how many namespaces the spread case keeps active.
const spreadNamespaces = 1000

// prepAnorCheckSpread sends Anor unregistered-check round-robin to 1,000
// namespaces, each with its own login, so the per-namespace path (lookup,
// journal, domain) is measured with its data spread over memory.
func prepAnorCheckSpread(addr string) (rawRequest, accept, error) {
	heads := make([]string, spreadNamespaces)
	for i := range heads {
		ns := fmt.Sprintf("/ns/bench-%d", i)
		token, err := anorLoginAt(addr, ns)
		if err != nil {
			return nil, nil, err
		}
		heads[i] = fmt.Sprintf("POST %s/anorbank/services/bmms/api/agent/unregistered-check HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\n", ns, addr, token)
	}
	return func(i int64) []byte {
		body := checkBody(i)
		b := append([]byte(heads[i%spreadNamespaces]), fmt.Sprintf("Content-Length: %d\r\n\r\n", len(body))...)
		return append(b, body...)
	}, anorOK, nil
}

// prepRequisitesPayment creates one payment order per request (a new
// orderId each), 100 tiyin to the UZCARD service, no commission.
func prepRequisitesPayment(addr string) (rawRequest, accept, error) {
	h := map[string]string{"Authorization": basic("gray", "p@ssw0rd")}
	return func(i int64) []byte {
		body := fmt.Appendf(nil, `{"orderId":"bench-%d","amount":"100","comissionAmount":"0","purpose":"bench","serviceId":"34","receiverName":"Test","mfoReceiver":"01091","receiverAccount":"29801000990248844444","innReceiver":"123456789","cardType":"HUMO","cardNumber":"9860531554896678","refNumber":"016351273642"}`, i)
		return httpRequest("POST", "/requisites/api/v2/payment", addr, h, body)
	}, requisitesOK, nil
}

// prepPaysysPay pays out 100 per request (pam.pay_by_cash, a new JSON-RPC id
// each), authenticated by HTTP Basic, which the default scenario allows.
func prepPaysysPay(addr string) (rawRequest, accept, error) {
	h := map[string]string{"Authorization": basic("sandbox", "sandbox")}
	return func(i int64) []byte {
		body := fmt.Appendf(nil, `{"jsonrpc":"2.0","id":"bench-%d","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":"USD","amount":100,"vendor_id":101596}}}`, i)
		return httpRequest("POST", "/paysys/gateway", addr, h, body)
	}, paysysOK, nil
}

func paysysOK(status int, body []byte) bool {
	return status == 200 && bytes.Contains(body, []byte(`"error":null`))
}

func prepAnorStatus(addr string) (rawRequest, accept, error) {
	token, err := anorLogin(addr)
	if err != nil {
		return nil, nil, err
	}
	h := map[string]string{"Authorization": "Bearer " + token}
	var bill struct {
		ID int64 `json:"id"`
	}
	if err := post("http://"+addr+"/anorbank/services/bmms/api/agent/unregistered-check", h, json.RawMessage(checkBody(0)), &bill); err != nil {
		return nil, nil, err
	}
	body := fmt.Appendf(nil, `{"billId":%d}`, bill.ID)
	raw := httpRequest("POST", "/anorbank/services/bmms/api/agent/status", addr, h, body)
	return func(int64) []byte { return raw }, anorOK, nil
}

func basic(user, pass string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass))
}

func prepRequisitesServices(addr string) (rawRequest, accept, error) {
	raw := httpRequest("GET", "/requisites/api/v2/services", addr, map[string]string{"Authorization": basic("gray", "p@ssw0rd")}, nil)
	return func(int64) []byte { return raw }, requisitesOK, nil
}

// prepAloqaDebit binds the healthy card (reading the SMS code from the
// control API) and debits 100 tiyin per request, no SMS, no hold.
func prepAloqaDebit(addr string) (rawRequest, accept, error) {
	h := map[string]string{"Authorization": basic("sandbox", "sandbox")}
	var added struct {
		Result struct {
			TransactionID json.Number `json:"transactionId"`
		} `json:"result"`
	}
	if err := post("http://"+addr+"/aloqa/cards/add", h, map[string]any{"pan": "8600000000000001", "expiry": "0727", "phone": "998901234567"}, &added); err != nil {
		return nil, nil, err
	}
	var sms struct {
		Messages []struct {
			Code string `json:"code"`
		} `json:"messages"`
	}
	if err := get("http://"+addr+"/__admin/sms?phone=998901234567", &sms); err != nil || len(sms.Messages) == 0 {
		return nil, nil, fmt.Errorf("no SMS code (%v)", err)
	}
	tid, _ := strconv.ParseInt(added.Result.TransactionID.String(), 10, 64)
	var confirmed struct {
		Result struct {
			Token string `json:"token"`
		} `json:"result"`
	}
	if err := post("http://"+addr+"/aloqa/cards/add-confirm", h, map[string]any{"transactionId": tid, "confirmedCode": sms.Messages[0].Code}, &confirmed); err != nil {
		return nil, nil, err
	}
	if confirmed.Result.Token == "" {
		return nil, nil, fmt.Errorf("add-confirm gave no token")
	}
	body := fmt.Appendf(nil, `{"token":%q,"amount":100,"merchantId":"90000001","terminalId":"91000001","is_hold":false,"force_sms_confirmation":false}`, confirmed.Result.Token)
	raw := httpRequest("POST", "/aloqa/transactions/debit", addr, h, body)
	return func(int64) []byte { return raw }, aloqaOK, nil
}

func post(url string, headers map[string]string, in, out any) error {
	b, _ := json.Marshal(in)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return exchange(req, out)
}

func get(url string, out any) error {
	req, _ := http.NewRequest("GET", url, nil)
	return exchange(req, out)
}

func exchange(req *http.Request, out any) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("%s %s: HTTP %d %s", req.Method, req.URL.Path, resp.StatusCode, data)
	}
	return json.Unmarshal(data, out)
}
