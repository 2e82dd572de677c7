package aloqa

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// dropFirst answers nothing (connection reset) on the first call, then ok.
func dropFirst(t *testing.T, ok string) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, _ := r.BasicAuth(); u != "sandbox" || p != "sandbox" {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":{"code":-32504,"message":"Недостаточно привилегий для выполнения метода."},"result":null}`))
			return
		}
		if calls.Add(1) == 1 {
			conn, _, _ := http.NewResponseController(w).Hijack()
			_ = conn.Close()
			return
		}
		_, _ = w.Write([]byte(ok))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func TestNeverResendsMoneyMovingCalls(t *testing.T) {
	tests := []struct {
		name string
		call func(c *Client) error
	}{
		{"debit", func(c *Client) error {
			_, err := c.Debit(context.Background(), &DebitParams{Token: "t", Amount: 100})
			return err
		}},
		{"transfer", func(c *Client) error {
			_, err := c.Transfer(context.Background(), Uzcard2Uzcard, &TransferParams{Token: "t", Amount: 100})
			return err
		}},
		{"reverse", func(c *Client) error { return c.ReverseDebit(context.Background(), 1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, calls := dropFirst(t, `{"error":null,"result":true}`)
			err := tc.call(New(srv.URL, WithCredentials("sandbox", "sandbox")))
			if err == nil {
				t.Fatal("want the transport error, got success")
			}
			if got, want := calls.Load(), int32(1); got != want {
				t.Fatalf("calls = %d, want %d (never resend)", got, want)
			}
		})
	}
}

func TestRetriesReadsOnce(t *testing.T) {
	srv, calls := dropFirst(t, `{"error":null,"result":{"fee":25,"feeRate":"0.5","amountTotal":5025}}`)
	fee, err := New(srv.URL, WithCredentials("sandbox", "sandbox")).FeeInfo(context.Background(), &FeeInfoParams{Amount: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *fee, (Fee{Fee: 25, FeeRate: "0.5", AmountTotal: 5025}); got != want {
		t.Fatalf("fee = %+v, want %+v", got, want)
	}
	if got := calls.Load(); got != 2 {
		t.Fatalf("calls = %d, want 2", got)
	}
}

func TestErrors(t *testing.T) {
	srv, _ := dropFirst(t, "")
	_, err := New(srv.URL, WithCredentials("x", "y")).AddCard(context.Background(), &AddCardParams{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) || e.HTTPStatus != 401 {
		t.Fatalf("err = %v, want -32504 with HTTP 401", err)
	}
	if !errors.Is(err, Code(-32504)) || errors.Is(err, ErrSystem) {
		t.Fatal("Is must compare codes")
	}
}

func TestAddConfirmWithoutErrorKey(t *testing.T) {
	// AQ-7: the seed's add-confirm example has no "error" key; tolerate it.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"result":{"token":"a1807840-4577-11ee-bec9-ddd6006913ab","vendor":"humo","currency":"860"}}`))
	}))
	defer srv.Close()
	card, err := New(srv.URL).ConfirmAddCard(context.Background(), &ConfirmParams{TransactionID: 1, Code: "1"})
	if err != nil || card.Token != "a1807840-4577-11ee-bec9-ddd6006913ab" || card.Vendor != "humo" {
		t.Fatalf("card = %+v, err = %v", card, err)
	}
}
