// Package aloqa is the AloqaGateway domain: card binding with SMS codes,
// debits and holds (SMS-confirmed or not), P2P transfers on the four
// UZCARD/HUMO routes with fees, and the monitoring history, as a state
// machine over the shared card ledger and the sandbox clock. Errors are
// catalogue codes (contracts/errors/aloqa.yaml) carried by *core.Error.
//
// It must not import net/http, gorilla/mux, kin-openapi, contracts or another
// provider; its HTTP adapter is aloqahttp.
package aloqa
