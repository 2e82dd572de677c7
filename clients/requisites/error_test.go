package requisites

import (
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// The requisites API documents 13 codes, each with a sentinel.
func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "requisites", true, sentinels, func(e *Error) any { return e.Code }, "ErrNoCredentials", "ErrOutcomeUnknown")
}
