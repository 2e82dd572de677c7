// Package anorbankhttp is the HTTP adapter of the Anor Bank fake: it decodes
// the documented requests (leniently, as real clients vary), calls the
// anorbank domain and writes the documented envelopes. Errors are rendered
// from the catalogue in contracts/errors/anorbank.yaml by one writer.
package anorbankhttp
