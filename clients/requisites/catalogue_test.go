package requisites

import (
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// sentinels names every documented-error sentinel by its variable, so
// deleting one breaks this file's build; TestSentinelsAreCatalogued ties
// each to contracts/errors/requisites.yaml and the table to the package's Err*.
var sentinels = []clienttest.Sentinel{
	{Name: "ErrServiceNotFound", Code: ErrServiceNotFound.Code},
	{Name: "ErrServiceNotSetUp", Code: ErrServiceNotSetUp.Code},
	{Name: "ErrUserNotFound", Code: ErrUserNotFound.Code},
	{Name: "ErrOrderNotFound", Code: ErrOrderNotFound.Code},
	{Name: "ErrNoAccess", Code: ErrNoAccess.Code},
	{Name: "ErrAccountNotFound", Code: ErrAccountNotFound.Code},
	{Name: "ErrBankNotSMP", Code: ErrBankNotSMP.Code},
	{Name: "ErrReceiverNameChars", Code: ErrReceiverNameChars.Code},
	{Name: "ErrPurposeChars", Code: ErrPurposeChars.Code},
	{Name: "ErrMissingFields", Code: ErrMissingFields.Code},
	{Name: "ErrDocumentDate", Code: ErrDocumentDate.Code},
	{Name: "ErrCritical", Code: ErrCritical.Code},
	{Name: "ErrSystem", Code: ErrSystem.Code},
}

func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "requisites", true, sentinels, "ErrNoCredentials", "ErrOutcomeUnknown")
}
