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
// reached the gateway: a lost answer is an *UnknownOutcomeError;
// CheckPayment (a read, resent after a lost answer) or ResolvePayout
// settles it.
//
// It imports only the standard library (and the clients' shared transport);
// never mockserver, and contracts only in tests.
package paysys
