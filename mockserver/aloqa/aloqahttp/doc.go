// Package aloqahttp is the HTTP adapter of the AloqaGateway fake: Basic
// auth, lenient decoding of the documented requests, a call into the aloqa
// domain, and one envelope writer for {"error", "result"} answers rendered
// from contracts/errors/aloqa.yaml.
package aloqahttp
