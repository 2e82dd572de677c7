package paysys_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/paysandbox/paysandbox/clients/paysys"
)

// Pay out to a wallet, then follow its status. A lost answer is never
// resent: a second call would be a second payout (D-10).
func Example() {
	ctx := context.Background()
	c := paysys.New("http://127.0.0.1:8080/paysys", paysys.WithSignature("sandbox", "sandbox"))
	params := &paysys.PayByCashParams{RequestID: "order-42", VendorID: 101596, Account: "998900000002", Amount: 12_000_00}
	p, err := c.PayByCash(ctx, params)
	if errors.Is(err, paysys.ErrUnknownOutcome) {
		fmt.Println("outcome unknown: reconcile order-42 against the PaySys balance; do not pay again")
		return
	}
	if errors.Is(err, paysys.ErrInsufficientFunds) {
		fmt.Println("top up the PaySys balance")
		return
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	st, err := c.CheckPayment(ctx, p.TransactionID)
	if err == nil && st.Status == paysys.StatusCompleted {
		fmt.Println("paid", p.TransactionID)
	}
}
