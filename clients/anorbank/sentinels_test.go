package anorbank

// sentinels are the package's documented-error sentinels, by name: removing
// one breaks this build, and TestSentinelsAreCatalogued fails for one that is
// missing here or absent from the catalogue.
var sentinels = []*Error{
	ErrParseError, ErrBadCredentials, ErrPhoneExists, ErrInvalidRequest, ErrLimitExceeded,
	ErrInvalidPassword, ErrInvalidParams, ErrInvalidRSAMessage, ErrObjectNotFound, ErrNotFound,
	ErrNotImplemented, ErrBillNotFound, ErrServiceNotFound, ErrServiceNotActive, ErrDebitError,
	ErrBillingError, ErrBillingErrorReversed, ErrBillingErrorWillReverse,
	ErrBillingErrorNeedReverse, ErrCardNotFound, ErrCardNotActive, ErrCardNotValid,
	ErrUsernameNotFound, ErrUsernameExists, ErrNotCardOwner, ErrNotCardOwnerSMSSent,
	ErrBankNotSupported, ErrBillNotValid, ErrP2PRequestNotValid, ErrCardAlreadyExists,
	ErrSMSInfoIsOff, ErrCodeExpiredSMSSent, ErrCodeExpiredRestart, ErrCodeEntryLimitExceeded,
	ErrActivationCodeSent, ErrInvalidCodeSMSSent, ErrInvalidCodeRetry, ErrVersionNotSpecified,
	ErrVersionNotSpecifiedOrInvalid, ErrVersionTooOld, ErrPCError,
	ErrInsufficientFundsOnDeposit, ErrInsufficientFunds, ErrInternalError, ErrUnknownError,
	ErrObjectLocked, ErrTimeout,
}
