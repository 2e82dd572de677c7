// Package admin is a typed client for the paysandbox control API
// (contracts/admin.yaml): reset, scenario, clock, SMS outbox, journal,
// faults and state of one namespace.
//
// It imports only the standard library (and the clients' shared transport);
// never mockserver, and contracts only in tests.
package admin
