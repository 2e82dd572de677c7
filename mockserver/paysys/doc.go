// Package paysys is the PaySys e-money domain: payouts to e-wallets
// (pam.pay_by_cash) and their statuses (pam.check_payment), the PaySys payout
// balance, the scripted per-wallet status progression on the sandbox clock
// and the gateway credentials. Errors are catalogue codes
// (contracts/errors/paysys.yaml, the numeric code as text).
//
// It must not import net/http, gorilla/mux, kin-openapi, contracts or another
// provider, and never calls time.Now: business time is env.Clock; the one
// wall-clock check (Auth timestamp staleness, D-3) takes the time as an
// argument from the adapter. Its HTTP adapter is paysyshttp.
package paysys
