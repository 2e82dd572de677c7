// Package anorbank is a typed client for the Anor Bank BM-Merchant API.
//
// Money is int64 tiyin. Every method takes a context first. Errors are
// *Error (the provider's detail, status and texts in uz/en/ru) and compare
// with errors.Is against the Err* values. The client logs in on demand with
// the credentials of WithCredentials (there is no default: without them a
// login fails with ErrNoCredentials before anything is sent) and, for
// idempotent calls only, logs in again once when the token has expired.
// Reads and status checks are resent after a lost answer; a pay, hold or
// top-up never is once it may have reached the bank: query Status instead.
//
// It imports only the standard library (and the clients' shared transport);
// never mockserver, and contracts only in tests.
package anorbank
