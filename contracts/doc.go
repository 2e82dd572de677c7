// Package contracts embeds the single source of truth about each provider:
// its OpenAPI 3 document (<provider>.yaml) and its error catalogue
// (errors/<provider>.yaml). The fake validates every request (and, with
// -strict, every response) against them; the suite checks live sandboxes
// against them; test tables are generated from the catalogues.
//
// Documents and validators are built once per process. This package imports
// kin-openapi and embed; never mockserver or a client.
package contracts
