// Package requisiteshttp is the HTTP adapter of the payment-by-requisites
// fake: HTTP Basic on every call, lenient decoding (numbers or numeric
// strings, RQ-4), the requisites domain, and the documented envelopes
// written by one writer from contracts/errors/requisites.yaml.
package requisiteshttp
