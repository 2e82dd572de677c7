package paysys

import (
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// sentinels names every documented-error sentinel by its variable, so
// deleting one breaks this file's build; TestSentinelsAreCatalogued ties
// each to contracts/errors/paysys.yaml and the table to the package's Err*.
var sentinels = []clienttest.Sentinel{
	{Name: "ErrMissingParams", Code: ErrMissingParams.Code},
	{Name: "ErrCardNotRegistered", Code: ErrCardNotRegistered.Code},
	{Name: "ErrCardInfo", Code: ErrCardInfo.Code},
	{Name: "ErrPhoneFormat", Code: ErrPhoneFormat.Code},
	{Name: "ErrCardFormat", Code: ErrCardFormat.Code},
	{Name: "ErrExpiryFormat", Code: ErrExpiryFormat.Code},
	{Name: "ErrCardRegistration", Code: ErrCardRegistration.Code},
	{Name: "ErrTokenGeneration", Code: ErrTokenGeneration.Code},
	{Name: "ErrWrongCode", Code: ErrWrongCode.Code},
	{Name: "ErrInsufficientFunds", Code: ErrInsufficientFunds.Code},
	{Name: "ErrCardBlocked", Code: ErrCardBlocked.Code},
	{Name: "ErrSMSInfoOff", Code: ErrSMSInfoOff.Code},
	{Name: "ErrTransactionDone", Code: ErrTransactionDone.Code},
	{Name: "ErrTransactionCanceled", Code: ErrTransactionCanceled.Code},
	{Name: "ErrTransactionNotFound", Code: ErrTransactionNotFound.Code},
	{Name: "ErrServiceBlocked", Code: ErrServiceBlocked.Code},
	{Name: "ErrVendorUnknown", Code: ErrVendorUnknown.Code},
	{Name: "ErrUserNotFound", Code: ErrUserNotFound.Code},
	{Name: "ErrProcessingDown", Code: ErrProcessingDown.Code},
	{Name: "ErrVendorBlocked", Code: ErrVendorBlocked.Code},
	{Name: "ErrStaleTimestamp", Code: ErrStaleTimestamp.Code},
	{Name: "ErrSystem", Code: ErrSystem.Code},
	{Name: "ErrForbidden", Code: ErrForbidden.Code},
	{Name: "ErrInvalidRequest", Code: ErrInvalidRequest.Code},
	{Name: "ErrMethodNotFound", Code: ErrMethodNotFound.Code},
	{Name: "ErrParse", Code: ErrParse.Code},
}

func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "paysys", true, sentinels, "ErrNoCredentials", "ErrUnknownOutcome")
}
