package aloqa

import (
	"context"
	"errors"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

func TestErrors(t *testing.T) {
	srv := gateway(t, "")
	_, err := New(srv.URL, WithCredentials("x", "y")).AddCard(context.Background(), &AddCardParams{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrUnauthorized) || e.HTTPStatus != 401 {
		t.Fatalf("err = %v, want -32504 with HTTP 401", err)
	}
	if !errors.Is(err, Code(-32504)) || errors.Is(err, ErrSystem) {
		t.Fatal("Is must compare codes")
	}
	if got := srv.Calls("/cards/add"); got != 1 {
		t.Errorf("a documented error was sent %d times, want 1", got)
	}
}

// AQ-1: business errors come in HTTP 200. The gateway drops the first call;
// the documented answer to the second ends the retries (no third call).
func TestErrorInHTTP200(t *testing.T) {
	srv := gateway(t, `{"error":{"code":-32309,"message":"Недостаточно средств"},"result":null}`)
	c := New(srv.URL, WithCredentials("u", "p"))
	_, err := c.FeeInfo(context.Background(), &FeeInfoParams{Amount: 1})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInsufficientFunds) || e.HTTPStatus != 200 || srv.Calls("/p2p/fee-info") != 2 {
		t.Fatalf("err = %v after %d calls; want -32309 in HTTP 200 on the second (the first was dropped)", err, srv.Calls("/p2p/fee-info"))
	}
}

// AloqaGateway documents 105 codes; the client names the ones callers
// branch on and reaches the rest with Code(n), so the table is partial.
func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "aloqa", false, sentinels, func(e *Error) any { return e.Code }, "ErrNoCredentials")
}
