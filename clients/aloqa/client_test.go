package aloqa

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
)

// gateway checks Basic u/p, drops the first call to each path after it
// arrived, and answers the next ones with ok.
func gateway(t *testing.T, ok string) *clienttest.Server {
	return clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if u, p, _ := r.BasicAuth(); u != "u" || p != "p" {
			clienttest.Write(w, http.StatusUnauthorized, `{"error":{"code":-32504,"message":"Недостаточно привилегий для выполнения метода."},"result":null}`)
			return
		}
		if n == 1 {
			clienttest.Drop(w)
			return
		}
		clienttest.Write(w, 200, ok)
	})
}

func TestLostAnswers(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, path string
		call       func(c *Client) error
		sent       int
	}{
		{"debit", "/transactions/debit", func(c *Client) error { _, err := c.Debit(ctx, &DebitParams{Token: "t", Amount: 100}); return err }, 1},
		{"hold charge", "/transactions/debit/hold/charge", func(c *Client) error { _, err := c.ChargeHold(ctx, 1); return err }, 1},
		{"p2p", "/p2p/uzcard2uzcard", func(c *Client) error {
			_, err := c.Transfer(ctx, Uzcard2Uzcard, &TransferParams{Token: "t", Amount: 100})
			return err
		}, 1},
		{"reverse", "/transactions/debit/reverse", func(c *Client) error { return c.ReverseDebit(ctx, 1) }, 1},
		{"fee-info", "/p2p/fee-info", func(c *Client) error { _, err := c.FeeInfo(ctx, &FeeInfoParams{Amount: 5000}); return err }, 2},
		{"monitoring", "/cards/monitoring", func(c *Client) error { _, err := c.Monitoring(ctx, &MonitoringParams{}); return err }, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := gateway(t, `{"error":null,"result":{"fee":25}}`)
			err := tc.call(New(srv.URL, WithCredentials("u", "p")))
			if got := srv.Calls(tc.path); got != tc.sent {
				t.Fatalf("sent %d times, want %d", got, tc.sent)
			}
			if (err == nil) != (tc.sent == 2) {
				t.Fatalf("err = %v; a read succeeds on its second attempt, a money call fails", err)
			}
		})
	}
}

func TestFeeInfoDecodes(t *testing.T) {
	srv := gateway(t, `{"error":null,"result":{"fee":25,"feeRate":"0.5","amountTotal":5025}}`)
	fee, err := New(srv.URL, WithCredentials("u", "p")).FeeInfo(context.Background(), &FeeInfoParams{Amount: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *fee, (Fee{Fee: 25, FeeRate: "0.5", AmountTotal: 5025}); got != want {
		t.Fatalf("fee = %+v, want %+v", got, want)
	}
}

// Without WithCredentials nothing is sent (no sandbox/sandbox fallback).
func TestNoDefaultCredentials(t *testing.T) {
	srv := gateway(t, `{"error":null,"result":{}}`)
	_, err := New(srv.URL).RecipientInfo(context.Background(), "8600000000000001")
	if !errors.Is(err, ErrNoCredentials) || srv.Total() != 0 {
		t.Fatalf("err = %v after %d calls; want ErrNoCredentials and no call", err, srv.Total())
	}
}

func TestAddConfirmWithoutErrorKey(t *testing.T) {
	// AQ-7: the seed's add-confirm example has no "error" key; tolerate it.
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clienttest.Write(w, 200, `{"result":{"token":"a1807840-4577-11ee-bec9-ddd6006913ab","vendor":"humo","currency":"860"}}`)
	})
	card, err := New(srv.URL, WithCredentials("u", "p")).ConfirmAddCard(context.Background(), &ConfirmParams{TransactionID: 1, Code: "1"})
	if err != nil || card.Token != "a1807840-4577-11ee-bec9-ddd6006913ab" || card.Vendor != "humo" {
		t.Fatalf("card = %+v, err = %v", card, err)
	}
}
