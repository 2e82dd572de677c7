// Package requisites is a typed client for the payment-by-bank-requisites
// API ("Оплата по реквизитам", /api/v2).
//
// Money is int64 tiyin. Every method takes a context first. Errors are
// *Error (code and Russian message) and compare with errors.Is against the
// Err* values. Every call sends the HTTP Basic credentials of
// WithCredentials; there is no default (the document's gray / p@ssw0rd is
// an example, not a login), and without them a call fails with
// ErrNoCredentials before anything is sent. Reads are resent after a lost
// answer; a payment is never resent once it may have reached the bank: when
// its outcome is unknown (ErrOutcomeUnknown, or 1111 / 2222 whose
// documented action is to check the status) call Resolve, which asks
// GET /api/v2/payment/{orderId}.
//
// It imports only the standard library (and the clients' shared transport);
// never mockserver, and contracts only in tests.
package requisites
