package anorbank

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// Anor Bank names its errors by detail; the client has a sentinel for each
// of the 47 in contracts/errors/anorbank.yaml.
func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "anorbank", true, sentinels, func(e *Error) any { return e.Detail }, "ErrNoCredentials")
}

func TestNestedBmmsErrorIsDecoded(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		clienttest.Write(w, 200, `{"id":777,"result":{"status":400,"detail":"bill not found","title":"Чек не найден","langs":{"uz":"Chek topilmadi","en":"Cheque not found","ru":"Чек не найден"}}}`)
	})
	c := New(srv.URL)
	c.SetTokens(Tokens{AccessToken: "t"})
	_, err := c.Status(context.Background(), &StatusParams{BillID: 777})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrBillNotFound) || e.Langs.UZ != "Chek topilmadi" || e.HTTPStatus != 200 || e.ID != 777.0 {
		t.Fatalf("err = %#v", err)
	}
	if got := srv.Total(); got != 1 {
		t.Errorf("a documented error was sent %d times, want 1 (it is an answer)", got)
	}
}
