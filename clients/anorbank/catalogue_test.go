package anorbank

import (
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// sentinels names every documented-error sentinel by its variable, so
// deleting one breaks this file's build; TestSentinelsAreCatalogued ties
// each to contracts/errors/anorbank.yaml and the table to the package's Err*.
var sentinels = []clienttest.Sentinel{
	{Name: "ErrParseError", Code: ErrParseError.Detail},
	{Name: "ErrBadCredentials", Code: ErrBadCredentials.Detail},
	{Name: "ErrPhoneExists", Code: ErrPhoneExists.Detail},
	{Name: "ErrInvalidRequest", Code: ErrInvalidRequest.Detail},
	{Name: "ErrLimitExceeded", Code: ErrLimitExceeded.Detail},
	{Name: "ErrInvalidPassword", Code: ErrInvalidPassword.Detail},
	{Name: "ErrInvalidParams", Code: ErrInvalidParams.Detail},
	{Name: "ErrInvalidRSAMessage", Code: ErrInvalidRSAMessage.Detail},
	{Name: "ErrObjectNotFound", Code: ErrObjectNotFound.Detail},
	{Name: "ErrNotFound", Code: ErrNotFound.Detail},
	{Name: "ErrNotImplemented", Code: ErrNotImplemented.Detail},
	{Name: "ErrBillNotFound", Code: ErrBillNotFound.Detail},
	{Name: "ErrServiceNotFound", Code: ErrServiceNotFound.Detail},
	{Name: "ErrServiceNotActive", Code: ErrServiceNotActive.Detail},
	{Name: "ErrDebitError", Code: ErrDebitError.Detail},
	{Name: "ErrBillingError", Code: ErrBillingError.Detail},
	{Name: "ErrBillingErrorReversed", Code: ErrBillingErrorReversed.Detail},
	{Name: "ErrBillingErrorWillReverse", Code: ErrBillingErrorWillReverse.Detail},
	{Name: "ErrBillingErrorNeedReverse", Code: ErrBillingErrorNeedReverse.Detail},
	{Name: "ErrCardNotFound", Code: ErrCardNotFound.Detail},
	{Name: "ErrCardNotActive", Code: ErrCardNotActive.Detail},
	{Name: "ErrCardNotValid", Code: ErrCardNotValid.Detail},
	{Name: "ErrUsernameNotFound", Code: ErrUsernameNotFound.Detail},
	{Name: "ErrUsernameExists", Code: ErrUsernameExists.Detail},
	{Name: "ErrNotCardOwner", Code: ErrNotCardOwner.Detail},
	{Name: "ErrNotCardOwnerSMSSent", Code: ErrNotCardOwnerSMSSent.Detail},
	{Name: "ErrBankNotSupported", Code: ErrBankNotSupported.Detail},
	{Name: "ErrBillNotValid", Code: ErrBillNotValid.Detail},
	{Name: "ErrP2PRequestNotValid", Code: ErrP2PRequestNotValid.Detail},
	{Name: "ErrCardAlreadyExists", Code: ErrCardAlreadyExists.Detail},
	{Name: "ErrSMSInfoIsOff", Code: ErrSMSInfoIsOff.Detail},
	{Name: "ErrCodeExpiredSMSSent", Code: ErrCodeExpiredSMSSent.Detail},
	{Name: "ErrCodeExpiredRestart", Code: ErrCodeExpiredRestart.Detail},
	{Name: "ErrCodeEntryLimitExceeded", Code: ErrCodeEntryLimitExceeded.Detail},
	{Name: "ErrActivationCodeSent", Code: ErrActivationCodeSent.Detail},
	{Name: "ErrInvalidCodeSMSSent", Code: ErrInvalidCodeSMSSent.Detail},
	{Name: "ErrInvalidCodeRetry", Code: ErrInvalidCodeRetry.Detail},
	{Name: "ErrVersionNotSpecified", Code: ErrVersionNotSpecified.Detail},
	{Name: "ErrVersionNotSpecifiedOrInvalid", Code: ErrVersionNotSpecifiedOrInvalid.Detail},
	{Name: "ErrVersionTooOld", Code: ErrVersionTooOld.Detail},
	{Name: "ErrPCError", Code: ErrPCError.Detail},
	{Name: "ErrInsufficientFundsOnDeposit", Code: ErrInsufficientFundsOnDeposit.Detail},
	{Name: "ErrInsufficientFunds", Code: ErrInsufficientFunds.Detail},
	{Name: "ErrInternalError", Code: ErrInternalError.Detail},
	{Name: "ErrUnknownError", Code: ErrUnknownError.Detail},
	{Name: "ErrObjectLocked", Code: ErrObjectLocked.Detail},
	{Name: "ErrTimeout", Code: ErrTimeout.Detail},
}

func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "anorbank", true, sentinels, "ErrNoCredentials")
}
