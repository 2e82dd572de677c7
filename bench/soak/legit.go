package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// legitNS is the namespace of the well-behaved client.
const legitNS = "soak-legit"

// legitCard is one legitimate worker's card; each worker has its own phone,
// so the one-time code it reads from the SMS outbox is its own.
type legitCard struct{ pan, exp, phone string }

var legitCards = []legitCard{
	{"8600000000000001", "0727", "998901234567"},
	{"8600000000000030", "0727", "998907654321"},
}

// legit is a client doing the normal flows of every provider, each answer
// checked and timed.
type legit struct {
	base  string // http://addr/ns/soak-legit
	c     *http.Client
	stats *opStats
	seq   atomic.Int64
}

// call sends one request, times it and checks the answer with check,
// which decodes it and returns "" when it is right.
func (l *legit) call(ctx context.Context, op, method, path string, h map[string]string, body any, check func(answer) string) (answer, bool) {
	var raw []byte
	if body != nil {
		raw, _ = json.Marshal(body)
	}
	a, err := do(ctx, l.c, method, l.base+path, h, raw)
	if ctx.Err() != nil {
		return a, false // the run ended mid-request: not the server's doing
	}
	problem := ""
	switch {
	case err != nil:
		problem = err.Error()
	case a.status != http.StatusOK:
		problem = fmt.Sprintf("HTTP %d %.160s", a.status, a.body)
	default:
		problem = check(a)
	}
	l.stats.add(op, a.took, problem)
	return a, problem == ""
}

// bindAloqa binds card to AloqaGateway (cards/add, the code from the SMS
// outbox, cards/add-confirm) and returns the card token.
func (l *legit) bindAloqa(ctx context.Context, card legitCard) (string, error) {
	h := map[string]string{"Authorization": basic("sandbox", "sandbox")}
	var added struct {
		Result struct{ TransactionID json.Number } `json:"result"`
	}
	if _, ok := l.call(ctx, "aloqa cards/add", "POST", "/aloqa/cards/add", h,
		map[string]any{"pan": card.pan, "expiry": card.exp, "phone": card.phone}, func(a answer) string {
			if p := decodeInto(a, &added); p != "" || added.Result.TransactionID == "" {
				return "no transactionId: " + string(a.body)
			}
			return ""
		}); !ok {
		return "", fmt.Errorf("aloqa cards/add for %s failed", card.phone)
	}
	code, ok := l.smsCode(ctx, card.phone)
	if !ok {
		return "", fmt.Errorf("no SMS code for %s", card.phone)
	}
	var confirmed struct {
		Result struct{ Token string } `json:"result"`
	}
	tid, _ := added.Result.TransactionID.Int64()
	if _, ok := l.call(ctx, "aloqa cards/add-confirm", "POST", "/aloqa/cards/add-confirm", h,
		map[string]any{"transactionId": tid, "confirmedCode": code}, func(a answer) string {
			if p := decodeInto(a, &confirmed); p != "" || confirmed.Result.Token == "" {
				return "no token: " + string(a.body)
			}
			return ""
		}); !ok {
		return "", fmt.Errorf("aloqa add-confirm for %s failed", card.phone)
	}
	return confirmed.Result.Token, nil
}

// smsCode reads the newest one-time code sent to phone.
func (l *legit) smsCode(ctx context.Context, phone string) (string, bool) {
	var out struct {
		Messages []struct{ Code string } `json:"messages"`
	}
	_, ok := l.call(ctx, "admin sms", "GET", "/__admin/sms?phone="+phone, nil, nil, func(a answer) string {
		if p := decodeInto(a, &out); p != "" || len(out.Messages) == 0 || out.Messages[0].Code == "" {
			return "no code in the outbox: " + string(a.body)
		}
		return ""
	})
	if !ok {
		return "", false
	}
	return out.Messages[0].Code, true
}

// run loops over the flows until ctx ends.
func (l *legit) run(ctx context.Context, card legitCard, aloqaToken string) {
	for ctx.Err() == nil {
		l.anorFlow(ctx, card)
		l.otherFlows(ctx, aloqaToken)
	}
}

// anorFlow: login, unregistered-check (a new bill), the OTP from the SMS
// outbox, unregistered-pay; the bill must end SUCCESS.
func (l *legit) anorFlow(ctx context.Context, card legitCard) {
	var login struct {
		Result struct {
			AccessToken string `json:"access_token"`
		} `json:"result"`
	}
	if _, ok := l.call(ctx, "anor login", "POST", "/anorbank/api/ext/user/login", nil,
		map[string]string{"username": "sandbox", "password": "sandbox"}, func(a answer) string {
			if p := decodeInto(a, &login); p != "" || login.Result.AccessToken == "" {
				return "no access_token: " + string(a.body)
			}
			return ""
		}); !ok {
		return
	}
	h := map[string]string{"Authorization": "Bearer " + login.Result.AccessToken}
	var bill struct {
		ID     int64  `json:"id"`
		Status string `json:"status"`
	}
	check := map[string]any{"account": "30", "recipientId": 1001, "amount": "100", "currency": 860,
		"agentTranId": fmt.Sprintf("soak-%d", l.seq.Add(1)), "params": map[string]string{"pan": card.pan, "exp": card.exp}}
	if _, ok := l.call(ctx, "anor unregistered-check", "POST", "/anorbank/services/bmms/api/agent/unregistered-check", h, check, func(a answer) string {
		if p := decodeInto(a, &bill); p != "" || bill.Status != "CHECK_OK" {
			return "not CHECK_OK: " + string(a.body)
		}
		return ""
	}); !ok {
		return
	}
	code, ok := l.smsCode(ctx, card.phone)
	if !ok {
		return
	}
	pay := map[string]any{"billid": bill.ID, "type": "PC", "params": map[string]string{"otp": code}}
	l.call(ctx, "anor unregistered-pay", "POST", "/anorbank/services/bmms/api/agent/unregistered-pay", h, pay, func(a answer) string {
		var paid struct{ Status string }
		if p := decodeInto(a, &paid); p != "" || paid.Status != "SUCCESS" {
			return "not SUCCESS: " + string(a.body)
		}
		return ""
	})
}

// otherFlows: an AloqaGateway debit, a PaySys payout and a requisites
// payment, each a new operation that must succeed.
func (l *legit) otherFlows(ctx context.Context, aloqaToken string) {
	basicSandbox := map[string]string{"Authorization": basic("sandbox", "sandbox")}
	errorNull := func(a answer) string {
		if !strings.Contains(string(a.body), `"error":null`) {
			return "not a success: " + string(a.body)
		}
		return ""
	}
	l.call(ctx, "aloqa transactions/debit", "POST", "/aloqa/transactions/debit", basicSandbox,
		map[string]any{"token": aloqaToken, "amount": 100, "merchantId": "90000001", "terminalId": "91000001", "is_hold": false, "force_sms_confirmation": false}, errorNull)
	n := l.seq.Add(1)
	l.call(ctx, "paysys pam.pay_by_cash", "POST", "/paysys/gateway", basicSandbox,
		map[string]any{"jsonrpc": "2.0", "id": fmt.Sprintf("soak-%d", n), "method": "pam.pay_by_cash",
			"params": map[string]any{"vendor_form": map[string]any{"account": "79123456789", "currency": "USD", "amount": 100, "vendor_id": 101596}}}, errorNull)
	l.call(ctx, "requisites payment", "POST", "/requisites/api/v2/payment", map[string]string{"Authorization": basic("gray", "p@ssw0rd")},
		map[string]string{"orderId": fmt.Sprintf("soak-%d", n), "amount": "100", "comissionAmount": "0", "purpose": "soak", "serviceId": "34",
			"receiverName": "Test", "mfoReceiver": "01091", "receiverAccount": "29801000990248844444", "innReceiver": "123456789",
			"cardType": "HUMO", "cardNumber": "9860531554896678", "refNumber": "016351273642"}, func(a answer) string {
			if !strings.Contains(string(a.body), `"status":"success"`) {
				return "not a success: " + string(a.body)
			}
			return ""
		})
}

// healthProbe asks /__admin/health every interval over a kept-alive
// connection (the checked figure) and, every second, over a new
// connection (reported: a new connection waits while every -max-conns
// slot is held).
func healthProbe(ctx context.Context, base string, kept, fresh *opStats) {
	keep := newClient(1, 5*time.Second)
	once := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			keep.CloseIdleConnections()
			return
		case <-tick.C:
		}
		probe(ctx, keep, base, kept)
		if i%5 == 0 {
			go probe(ctx, once, base, fresh)
		}
	}
}

func probe(ctx context.Context, c *http.Client, base string, stats *opStats) {
	a, err := do(ctx, c, "GET", base+"/__admin/health", nil, nil)
	if ctx.Err() != nil {
		return
	}
	problem := ""
	switch {
	case err != nil:
		problem = err.Error()
	case a.status != http.StatusOK || !strings.Contains(string(a.body), `"status":"ok"`):
		problem = fmt.Sprintf("HTTP %d %.120s", a.status, a.body)
	}
	stats.add("health", a.took, problem)
}
