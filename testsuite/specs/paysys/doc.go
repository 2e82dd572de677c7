// Package paysys holds the PaySys e-money specs of the contract suite:
// payouts and their scripted statuses, auth, idempotency and every
// catalogue code. Blank-imported by the suite.
package paysys
