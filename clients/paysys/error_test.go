package paysys

import (
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// PaySys documents 26 JSON-RPC codes, each with a sentinel.
func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "paysys", true, sentinels, func(e *Error) any { return e.Code }, "ErrNoCredentials", "ErrUnknownOutcome")
}
