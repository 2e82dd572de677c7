// Package wire is the kit every provider adapter is built with: it mounts a
// provider's operations from its contract (gorilla/mux routes and the
// validators compiled from the documents at build time) and gives each handler an
// Exchange with the request body read once, validation on demand, rule
// interception and strict-checked delivery. The envelope stays the
// adapter's: wire never writes a provider's error format itself.
package wire
