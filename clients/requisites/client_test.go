package requisites

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
)

// bank answers every call with h, after checking Basic gray-test/secret.
func bank(t *testing.T, h clienttest.Handler) (*Client, *clienttest.Server) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if u, p, _ := r.BasicAuth(); u != "gray-test" || p != "secret" {
			t.Errorf("Basic = %q/%q", u, p)
		}
		h(w, r, n)
	})
	return New(srv.URL, WithCredentials("gray-test", "secret")), srv
}

func drop(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Drop(w) }

func TestPayIsNeverResent(t *testing.T) {
	for name, h := range map[string]clienttest.Handler{
		"dropped": drop,
		"empty":   func(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Write(w, 200, "") },
		"foreign": func(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Write(w, 200, `{"ok":true}`) },
	} {
		t.Run(name, func(t *testing.T) {
			c, srv := bank(t, h)
			_, err := c.Pay(context.Background(), &PaymentParams{OrderID: "o1", Amount: 1})
			if !errors.Is(err, ErrOutcomeUnknown) {
				t.Fatalf("err = %v, want ErrOutcomeUnknown", err)
			}
			if got := srv.Calls("/api/v2/payment"); got != 1 {
				t.Errorf("pay sent %d times, want 1", got)
			}
		})
	}
}

// A payment whose every dial failed never left: it is no unknown outcome,
// and the same orderId may simply be paid again.
func TestUnsentPayIsNotUnknown(t *testing.T) {
	srv := clienttest.NewServer(t, drop)
	hc, _ := clienttest.FailingDials(100)
	_, err := New(srv.URL, WithHTTPClient(hc), WithCredentials("u", "p")).PayBudget(context.Background(), &BudgetParams{OrderID: "o1"})
	if err == nil || errors.Is(err, ErrOutcomeUnknown) || srv.Total() != 0 {
		t.Fatalf("err = %v after %d calls; want a plain failure, nothing sent", err, srv.Total())
	}
}

func TestStatusIsRetried(t *testing.T) {
	c, srv := bank(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			drop(w, r, n)
			return
		}
		clienttest.Write(w, 200, `{"status":"success","code":0,"data":{"payment_status":"Введен","doc_id":"1"}}`)
	})
	o, err := c.PaymentStatus(context.Background(), "o1")
	if err != nil || o.PaymentStatus != StatusEntered {
		t.Fatalf("status = %+v, %v", o, err)
	}
	if got, want := srv.Calls("/api/v2/payment/o1"), 2; got != want {
		t.Errorf("status sent %d times, want %d", got, want)
	}
}

func TestNoDefaultCredentials(t *testing.T) {
	srv := clienttest.NewServer(t, drop)
	_, err := New(srv.URL).Services(context.Background())
	if !errors.Is(err, ErrNoCredentials) || srv.Total() != 0 {
		t.Fatalf("err = %v after %d calls; want ErrNoCredentials and no call (no gray/p@ssw0rd fallback)", err, srv.Total())
	}
}

func TestErrorsAndResolve(t *testing.T) {
	c, _ := bank(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Path {
		case "/api/v2/payment/known":
			clienttest.Write(w, 200, `{"status":"success","code":0,"data":{"payment_status":"Проведен","doc_id":"1180_1841519885"}}`)
		case "/api/v2/account/34/balance":
			clienttest.Write(w, 200, `{"status":"success","data":{"balance":"1100"}}`)
		case "/api/v2/services":
			clienttest.Write(w, 401, `{"status":"error","code":1004,"message":"Пользователь не найден","data":null}`)
		case "/api/v2/payment":
			clienttest.Write(w, 200, `{"status":"error","code":2222,"message":"Критическая ошибка","data":null}`)
		default:
			clienttest.Write(w, 200, `{"status":"error","code":1008,"message":"Не удалось получить данные","data":null}`)
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
	if _, err := c.Pay(ctx, &PaymentParams{OrderID: "o2"}); !MustCheckStatus(err) || MustCheckStatus(ErrOrderNotFound) {
		t.Errorf("MustCheckStatus(%v) = false, want true for 2222 only", err)
	}
}
