// Package requisites is the domain of the payment-by-bank-requisites fake
// ("Оплата по реквизитам"): partner users, services with their balances,
// payment orders (Введен → Проведен / Удален, settled lazily on the sandbox
// clock) and the service statement. Errors are catalogue codes
// (contracts/errors/requisites.yaml).
//
// It must not import net/http, gorilla/mux, kin-openapi, contracts or another
// provider; its HTTP adapter is requisiteshttp.
package requisites
