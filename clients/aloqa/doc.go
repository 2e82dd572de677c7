// Package aloqa is a typed client for the AloqaGateway API (cards, debits
// and holds, P2P transfers, monitoring).
//
// Money is int64 tiyin. Every method takes a context first. Errors are
// *Error (code and Russian message) and compare with errors.Is. Every call
// sends the HTTP Basic credentials of WithCredentials; there is no default,
// and without them a call fails with ErrNoCredentials before anything is
// sent. The client never resends a debit, confirm, charge, cancel, reverse
// or transfer once it may have reached the gateway: on a timeout look the
// operation up in Monitoring instead. The read-only calls (recipient-info,
// fee-info, monitoring) are resent after a lost answer.
//
// It imports only the standard library (and the clients' shared transport);
// never mockserver, and contracts only in tests.
package aloqa
