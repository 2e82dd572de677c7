package aloqa

import (
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
	"github.com/paysandbox/paysandbox/contracts"
)

// sentinels names every documented-error sentinel by its variable, so
// deleting one breaks this file's build; TestSentinelsAreCatalogued ties
// each to contracts/errors/aloqa.yaml and the table to the package's Err*.
var sentinels = []clienttest.Sentinel{
	{Name: "ErrParse", Code: ErrParse.Code},
	{Name: "ErrInvalidRequest", Code: ErrInvalidRequest.Code},
	{Name: "ErrMethodNotFound", Code: ErrMethodNotFound.Code},
	{Name: "ErrUnauthorized", Code: ErrUnauthorized.Code},
	{Name: "ErrMissingParams", Code: ErrMissingParams.Code},
	{Name: "ErrCardNotRegistered", Code: ErrCardNotRegistered.Code},
	{Name: "ErrCardInfo", Code: ErrCardInfo.Code},
	{Name: "ErrBadPhone", Code: ErrBadPhone.Code},
	{Name: "ErrBadPAN", Code: ErrBadPAN.Code},
	{Name: "ErrBadExpiry", Code: ErrBadExpiry.Code},
	{Name: "ErrWrongCode", Code: ErrWrongCode.Code},
	{Name: "ErrInsufficientFunds", Code: ErrInsufficientFunds.Code},
	{Name: "ErrCardBlocked", Code: ErrCardBlocked.Code},
	{Name: "ErrSMSOff", Code: ErrSMSOff.Code},
	{Name: "ErrTxCompleted", Code: ErrTxCompleted.Code},
	{Name: "ErrTxCancelled", Code: ErrTxCancelled.Code},
	{Name: "ErrTxNotFound", Code: ErrTxNotFound.Code},
	{Name: "ErrTokenExpired", Code: ErrTokenExpired.Code},
	{Name: "ErrAmountTooSmall", Code: ErrAmountTooSmall.Code},
	{Name: "ErrAmountTooLarge", Code: ErrAmountTooLarge.Code},
	{Name: "ErrDataNotFound", Code: ErrDataNotFound.Code},
	{Name: "ErrPhoneMismatch", Code: ErrPhoneMismatch.Code},
	{Name: "ErrSystem", Code: ErrSystem.Code},
	{Name: "ErrCardNotFound", Code: ErrCardNotFound.Code},
	{Name: "ErrCardExpired", Code: ErrCardExpired.Code},
	{Name: "ErrWrongPANOrExpiry", Code: ErrWrongPANOrExpiry.Code},
	{Name: "ErrBadPeriod", Code: ErrBadPeriod.Code},
	{Name: "ErrNoTerminal", Code: ErrNoTerminal.Code},
	{Name: "ErrPreviousInProgress", Code: ErrPreviousInProgress.Code},
	{Name: "ErrPaymentInProgress", Code: ErrPaymentInProgress.Code},
	{Name: "ErrEnterAmount", Code: ErrEnterAmount.Code},
	{Name: "ErrCardTypeRoute", Code: ErrCardTypeRoute.Code},
	{Name: "ErrInvalidAmount", Code: ErrInvalidAmount.Code},
	{Name: "ErrTxConfirmed", Code: ErrTxConfirmed.Code},
}

func TestSentinelsAreCatalogued(t *testing.T) {
	clienttest.CheckSentinels(t, contracts.LoadCatalogue, "aloqa", false, sentinels, "ErrNoCredentials")
}
