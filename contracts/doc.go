// Package contracts embeds the single source of truth about each provider:
// its OpenAPI 3 document (<provider>.yaml) and its error catalogue
// (errors/<provider>.yaml). The fake validates every request (and, with
// -strict, every response) against them; the suite checks live sandboxes
// against them; test tables are generated from the catalogues.
//
// The server runs on the operations `go generate ./contracts` compiles from
// the documents (ops_<provider>.go, schemas as contracts/schema nodes), so
// it neither parses YAML nor links kin-openapi at start-up (issue 15);
// tests keep the compiled form equal to kin-openapi's reading of the YAML,
// and its verdicts and messages equal to kin-openapi's, word for word.
// contracts/spec gives tools and tests the documents themselves. This
// package imports neither kin-openapi, mockserver nor a client.
package contracts
