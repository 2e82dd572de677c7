package anorbank

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

const loginOK = `{"statusCode":0,"statusMessage":"OK","result":{"access_token":"t","token_type":"bearer","refresh_token":"r","expires_in":86398,"scope":"openid"}}`

// billServer logs in and answers bill calls with bill; each first call of
// drop is dropped after it arrived.
func billServer(t *testing.T, bill string, drop bool, check func(map[string]any)) *clienttest.Server {
	return clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/api/ext/user/login" {
			clienttest.Write(w, 200, loginOK)
			return
		}
		if check != nil {
			var in map[string]any
			_ = json.NewDecoder(r.Body).Decode(&in)
			check(in)
		}
		if drop && n == 1 {
			clienttest.Drop(w)
			return
		}
		clienttest.Write(w, 200, bill)
	})
}

// AN-11: servers spell a held bill three ways; all count as held.
func TestHoldAcceptsEverySpelling(t *testing.T) {
	for _, status := range []string{"HOLD_SUCCESS", "HOLD SUCCESS", "SUCCESS"} {
		t.Run(status, func(t *testing.T) {
			srv := billServer(t, `{"id":777,"amount":1000,"status":"`+status+`","success":true}`, false, func(in map[string]any) {
				if in["billId"] != float64(777) || in["params"].(map[string]any)["otp"] != "225588" {
					t.Errorf("request = %v; want billId and params.otp (AN-2, AN-10)", in)
				}
			})
			b, err := New(srv.URL, WithCredentials("u", "p")).Hold(context.Background(), &PayParams{BillID: 777, OTP: "225588"})
			if err != nil || !b.Held() {
				t.Fatalf("Hold = %+v, %v; want held", b, err)
			}
		})
	}
	if (&Bill{Status: "SUCCESS"}).Held() {
		t.Error("a paid bill (SUCCESS from status) is not held")
	}
}

// A call whose answer is lost after it arrived: money-moving calls are sent
// once, reads and status checks again.
func TestLostAnswers(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		path string // under /services/bmms/api/
		sent int
		call func(c *Client) error
	}{
		{"pay", "agent/unregistered-pay", 1, func(c *Client) error { _, err := c.Pay(ctx, &PayParams{BillID: 7, OTP: "1"}); return err }},
		{"hold", "agent/hold/v2/otp", 1, func(c *Client) error { _, err := c.Hold(ctx, &PayParams{BillID: 7, OTP: "1"}); return err }},
		{"top-up", "agent/hold/v2/more", 1, func(c *Client) error { _, err := c.TopUpHold(ctx, &TopUpParams{BillID: 7, Amount: 1}); return err }},
		{"confirm", "agent/hold/v2/confirm", 1, func(c *Client) error { _, err := c.ConfirmHold(ctx, 7); return err }},
		{"ext-pay", "ext/agent/pay", 1, func(c *Client) error { _, err := c.ExtPay(ctx, &ExtPayParams{AgentTranID: 1}); return err }},
		{"status", "agent/status", 2, func(c *Client) error { _, err := c.Status(ctx, &StatusParams{BillID: 7}); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := billServer(t, `{"id":7,"status":"SUCCESS","success":true}`, true, nil)
			err := tc.call(New(srv.URL, WithCredentials("u", "p")))
			if got := srv.Calls("/services/bmms/api/" + tc.path); got != tc.sent {
				t.Errorf("sent %d times, want %d", got, tc.sent)
			}
			var na *transport.NoAnswerError
			if lost := errors.As(err, &na) && na.Sent; lost != (tc.sent == 1) {
				t.Errorf("err = %v; want a lost answer only when not resent", err)
			}
		})
	}
}

// A pay that never left the client (the dial failed) is tried again.
func TestPayWhoseDialFailedIsSentOnce(t *testing.T) {
	srv := billServer(t, `{"id":7,"status":"SUCCESS","success":true}`, false, nil)
	hc, dials := clienttest.FailingDials(1)
	c := New(srv.URL, WithHTTPClient(hc))
	c.SetTokens(Tokens{AccessToken: "t"})
	b, err := c.Pay(context.Background(), &PayParams{BillID: 7, OTP: "1"})
	if err != nil || b.Status != StatusSuccess {
		t.Fatalf("pay = %+v, %v", b, err)
	}
	if got, want := srv.Calls(agentAPI+"unregistered-pay"), 1; got != want || dials.Load() != 2 {
		t.Errorf("pay reached the server %d times after %d dials, want %d after 2", got, dials.Load(), want)
	}
}

func TestCheckSendsAmountAsStringAndExp(t *testing.T) {
	srv := billServer(t, `{"id":1,"amount":100,"status":"CHECK_OK","success":true,"data":{"leftSeconds":"120"}}`, false, func(in map[string]any) {
		p := in["params"].(map[string]any)
		if in["amount"] != "100" || in["currency"] != float64(860) || p["exp"] != "0727" || p["pan"] != "8600000000000001" {
			t.Errorf("request = %v", in)
		}
	})
	b, err := New(srv.URL, WithCredentials("u", "p")).Check(context.Background(), &CheckParams{RecipientID: 1001, Amount: 100, AgentTranID: "a", PAN: "8600000000000001", Exp: "0727"})
	if err != nil || b.Data["leftSeconds"] != "120" {
		t.Fatalf("check = %+v, %v", b, err)
	}
}
