// Package paysyshttp is the HTTP adapter of the PaySys fake: one URL
// (POST /gateway) whose JSON-RPC `method` selects a handler from a method
// table. It decodes the frame leniently (PS-6, PS-9), checks the Auth header
// or Basic credentials against the wall clock it is given (D-3), calls the
// paysys domain and writes the documented envelopes; errors are rendered
// from contracts/errors/paysys.yaml by one writer.
package paysyshttp
