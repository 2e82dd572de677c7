package requisites

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// scripted answers every call with h and counts calls.
func scripted(t *testing.T, h http.HandlerFunc) (*Client, *atomic.Int64) {
	t.Helper()
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return New(srv.URL), &calls
}

func drop(w http.ResponseWriter, _ *http.Request) {
	conn, _, _ := http.NewResponseController(w).Hijack()
	conn.Close()
}

func TestPayIsNeverResent(t *testing.T) {
	c, calls := scripted(t, drop)
	_, err := c.Pay(context.Background(), &PaymentParams{OrderID: "o1", Amount: 1})
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("pay sent %d times, want 1", got)
	}
}

func TestReadsRetryOnce(t *testing.T) {
	c, calls := scripted(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			t.Error("no Basic auth")
		}
		drop(w, r)
	})
	_, err := c.PaymentStatus(context.Background(), "o1")
	if err == nil {
		t.Fatal("want an error")
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("status sent %d times, want 2", got)
	}
}

func TestErrorsAndResolve(t *testing.T) {
	c, _ := scripted(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v2/payment/known":
			w.Write([]byte(`{"status":"success","code":0,"data":{"payment_status":"Проведен","doc_id":"1180_1841519885"}}`))
		case "/api/v2/account/34/balance":
			w.Write([]byte(`{"status":"success","data":{"balance":"1100"}}`))
		case "/api/v2/services":
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"status":"error","code":1004,"message":"Пользователь не найден","data":null}`))
		default:
			w.Write([]byte(`{"status":"error","code":1008,"message":"Не удалось получить данные","data":null}`))
		}
	})
	ctx := context.Background()
	o, err := c.Resolve(ctx, "known")
	if err != nil || o == nil || !o.Final() || o.DocID != "1180_1841519885" {
		t.Errorf("Resolve(known) = %+v, %v", o, err)
	}
	if o, err := c.Resolve(ctx, "unknown"); o != nil || err != nil {
		t.Errorf("Resolve(unknown) = %+v, %v; want nil, nil (never created)", o, err)
	}
	if b, err := c.Balance(ctx, 34); err != nil || b != 1100 {
		t.Errorf("Balance = %d, %v", b, err)
	}
	_, err = c.Services(ctx)
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUserNotFound) || e.HTTPStatus != 401 || e.Message != "Пользователь не найден" {
		t.Errorf("Services err = %#v", err)
	}
}
