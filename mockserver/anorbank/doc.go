// Package anorbank is the Anor Bank BM-Merchant domain: agent tokens, card
// binding, bills (check, pay, hold, top-up, reverse, cancel) and legal-entity
// payouts, as a state machine over the shared card ledger and the sandbox
// clock. Errors are catalogue codes (the `detail` strings).
//
// It must not import net/http, gorilla/mux, kin-openapi, contracts or another
// provider; its HTTP adapter is anorbankhttp.
package anorbank
