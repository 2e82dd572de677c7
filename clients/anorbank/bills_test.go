package anorbank

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

const loginOK = `{"statusCode":0,"statusMessage":"OK","result":{"access_token":"t","token_type":"bearer","refresh_token":"r","expires_in":86398,"scope":"openid"}}`

// AN-11: servers spell a held bill three ways; all count as held.
func TestHoldAcceptsEverySpelling(t *testing.T) {
	for _, status := range []string{"HOLD_SUCCESS", "HOLD SUCCESS", "SUCCESS"} {
		t.Run(status, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/api/ext/user/login" {
					w.Write([]byte(loginOK))
					return
				}
				var in map[string]any
				_ = json.NewDecoder(r.Body).Decode(&in)
				if in["billId"] != float64(777) || in["params"].(map[string]any)["otp"] != "225588" {
					t.Errorf("request = %v; want billId and params.otp (AN-2, AN-10)", in)
				}
				w.Write([]byte(`{"id":777,"amount":1000,"status":"` + status + `","success":true}`))
			}))
			defer srv.Close()
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

// A pay whose answer is lost is never resent; Status is retried after a token renewal.
func TestPayIsNeverResentStatusIs(t *testing.T) {
	var pays, statuses atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/ext/user/login", "/api/ext/user/refresh-token":
			w.Write([]byte(loginOK))
		case "/services/bmms/api/agent/unregistered-pay":
			pays.Add(1)
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close() // the answer is lost
		case "/services/bmms/api/agent/status":
			if statuses.Add(1) == 1 {
				w.WriteHeader(401)
				w.Write([]byte(`{"status":401,"detail":"bad credentials","title":"x","langs":{"uz":"x","en":"x","ru":"x"}}`))
				return
			}
			w.Write([]byte(`{"id":777,"amount":1000,"status":"SUCCESS","success":true}`))
		}
	}))
	defer srv.Close()
	c := New(srv.URL, WithCredentials("u", "p"))
	_, err := c.Pay(context.Background(), &PayParams{BillID: 777, OTP: "1"})
	var e *Error
	if err == nil || errors.As(err, &e) {
		t.Fatalf("pay err = %v; want a transport error", err)
	}
	if got := pays.Load(); got != 1 {
		t.Fatalf("pay sent %d times, want 1", got)
	}
	b, err := c.Status(context.Background(), &StatusParams{BillID: 777})
	if err != nil || b.Status != StatusSuccess {
		t.Fatalf("status = %+v, %v", b, err)
	}
	if got := statuses.Load(); got != 2 {
		t.Fatalf("status sent %d times, want 2 (renewed once)", got)
	}
}

func TestCheckSendsAmountAsStringAndExp(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/ext/user/login" {
			w.Write([]byte(loginOK))
			return
		}
		var in map[string]any
		_ = json.NewDecoder(r.Body).Decode(&in)
		p := in["params"].(map[string]any)
		if in["amount"] != "100" || in["currency"] != float64(860) || p["exp"] != "0727" || p["pan"] != "8600000000000001" {
			t.Errorf("request = %v", in)
		}
		w.Write([]byte(`{"id":1,"amount":100,"status":"CHECK_OK","success":true,"data":{"leftSeconds":"120"}}`))
	}))
	defer srv.Close()
	b, err := New(srv.URL, WithCredentials("u", "p")).Check(context.Background(), &CheckParams{RecipientID: 1001, Amount: 100, AgentTranID: "a", PAN: "8600000000000001", Exp: "0727"})
	if err != nil || b.Data["leftSeconds"] != "120" {
		t.Fatalf("check = %+v, %v", b, err)
	}
}
