package sandbox_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// Run the sandbox inside your own tests: no binary, no port to manage.
func ExampleNew() {
	srv, err := sandbox.New(sandbox.Options{Strict: true})
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv)
	defer ts.Close()

	ctx := context.Background()
	// Each test can take its own namespace: its own cards, clock and SMS.
	base := ts.URL + "/ns/example"
	anor := anorbank.New(base+"/anorbank", anorbank.WithCredentials("sandbox", "sandbox"))
	tokens, err := anor.Login(ctx)
	if err != nil {
		panic(err)
	}
	fmt.Println("token lifetime:", tokens.ExpiresIn)

	// Expire it by moving the namespace's clock, as a real day would.
	ctl := admin.New(base)
	if _, err := ctl.AdvanceClock(ctx, 86398*time.Second); err != nil {
		panic(err)
	}
	_, err = anor.Status(ctx, &anorbank.StatusParams{BillID: 1})
	fmt.Println("after a day the token is refused, the client logs in again:", err)
	// Output:
	// token lifetime: 86398
	// after a day the token is refused, the client logs in again: anorbank: bill not found (status 400, HTTP 200): Cheque not found
}
