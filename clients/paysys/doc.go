// Package paysys is a typed client for the PaySys e-money gateway
// (JSON-RPC: pam.pay_by_cash, pam.check_payment).
//
// Money is int64 tiyin (the wire carries sums). Every method takes a context
// first. The client signs each call with the `Auth` header
// ({service_id}-{sha1(secret_key+timestamp)}-{timestamp}, ms) using an
// injectable clock (WithSignature), or sends HTTP Basic (WithBasic); there
// is no default, and without either a call fails with ErrNoCredentials
// before anything is sent. Errors are *Error and compare with errors.Is
// against the Err* values. A payout is never resent once it may have
// reached the gateway: a lost answer is an *UnknownOutcomeError. The
// JSON-RPC id is not an idempotency key (D-10: every pam.pay_by_cash is a
// new payout), and PaySys has no lookup by request id, so a lost payout is
// settled by reconciling (the PaySys balance, the provider's report), never
// by sending it again; CheckPayment follows a payout whose transaction id
// is known.
//
// It imports only the standard library (and the clients' shared transport);
// never mockserver, and contracts only in tests.
package paysys
