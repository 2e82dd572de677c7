package anorbank

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// A scripted server that counts calls (stripe-go style): an expired token on
// an idempotent call logs in again once; on a non-idempotent call it does not.
func TestReloginOnlyForIdempotentCalls(t *testing.T) {
	var logins, calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/ext/user/login":
			n := logins.Add(1)
			w.Write([]byte(`{"statusCode":0,"statusMessage":"OK","result":{"access_token":"tok` + string(rune('0'+n)) + `","token_type":"bearer","refresh_token":"r","expires_in":86398,"scope":"openid"}}`))
		case "/api/ext/user/refresh-token":
			w.WriteHeader(401)
			w.Write([]byte(`{"status":401,"detail":"bad credentials","title":"x","langs":{"uz":"x","en":"Incorrect login or password","ru":"x"}}`))
		default:
			calls.Add(1)
			if r.Header.Get("Authorization") == "Bearer tok1" {
				w.WriteHeader(401)
				w.Write([]byte(`{"status":401,"detail":"bad credentials","title":"x","langs":{"uz":"x","en":"Incorrect login or password","ru":"x"}}`))
				return
			}
			w.Write([]byte(`{"ok":true}`))
		}
	}))
	defer srv.Close()

	c := New(srv.URL, WithCredentials("sandbox", "sandbox"))
	var out map[string]any
	if err := c.call(context.Background(), "POST", "/x", map[string]any{}, &out, true); err != nil {
		t.Fatalf("idempotent call: %v", err)
	}
	if got, want := logins.Load(), int32(2); got != want {
		t.Errorf("logins = %d, want %d (initial + re-login)", got, want)
	}

	c2 := New(srv.URL, WithCredentials("sandbox", "sandbox"))
	c2.SetTokens(Tokens{AccessToken: "tok1"})
	calls.Store(0)
	err := c2.call(context.Background(), "POST", "/pay", map[string]any{}, &out, false)
	if !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("non-idempotent call: err = %v, want bad credentials", err)
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("pay sent %d times, want exactly 1", got)
	}
}

func TestNestedBmmsErrorIsDecoded(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"id":777,"result":{"status":400,"detail":"bill not found","title":"Чек не найден","langs":{"uz":"Chek topilmadi","en":"Cheque not found","ru":"Чек не найден"}}}`))
	}))
	defer srv.Close()
	c := New(srv.URL)
	err := c.send(context.Background(), "POST", "/services/bmms/api/agent/status", map[string]any{}, nil, "t")
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrBillNotFound) || e.Langs.UZ != "Chek topilmadi" || e.HTTPStatus != 200 {
		t.Fatalf("err = %#v", err)
	}
}
