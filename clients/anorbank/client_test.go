package anorbank

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

const badCredentials = `{"status":401,"detail":"bad credentials","title":"x","langs":{"uz":"x","en":"Incorrect login or password","ru":"x"}}`

// An expired token on a Read logs in again once; on a Once call it does not.
func TestReloginOnlyForReads(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.URL.Path == "/api/ext/user/login":
			clienttest.Write(w, 200, `{"statusCode":0,"result":{"access_token":"tok`+string(rune('0'+n))+`","refresh_token":"r"}}`)
		case r.URL.Path == "/api/ext/user/refresh-token", r.Header.Get("Authorization") == "Bearer tok1":
			clienttest.Write(w, 401, badCredentials)
		default:
			clienttest.Write(w, 200, `{"ok":true}`)
		}
	})
	c := New(srv.URL, WithCredentials("u", "p"))
	var out map[string]any
	if err := c.call(context.Background(), "POST", "/read", map[string]any{}, &out, transport.Read); err != nil {
		t.Fatalf("read: %v", err)
	}
	if got, want := srv.Calls("/api/ext/user/login"), 2; got != want {
		t.Errorf("logins = %d, want %d (initial + re-login)", got, want)
	}

	c2 := New(srv.URL, WithCredentials("u", "p"))
	c2.SetTokens(Tokens{AccessToken: "tok1"})
	err := c2.call(context.Background(), "POST", "/pay", map[string]any{}, &out, transport.Once)
	if !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("pay: err = %v, want bad credentials", err)
	}
	if got, want := srv.Calls("/pay"), 1; got != want {
		t.Errorf("pay sent %d times, want %d", got, want)
	}
}

// No client logs in with the documentation's sandbox/sandbox by itself.
func TestNoDefaultCredentials(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clienttest.Write(w, 200, loginOK)
	})
	_, err := New(srv.URL).Status(context.Background(), &StatusParams{BillID: 1})
	if !errors.Is(err, ErrNoCredentials) {
		t.Fatalf("err = %v, want ErrNoCredentials", err)
	}
	if got := srv.Total(); got != 0 {
		t.Errorf("%d calls reached the server, want none", got)
	}
}
