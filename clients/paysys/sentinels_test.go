package paysys

// sentinels are the package's documented-error sentinels, by name: removing
// one breaks this build, and TestSentinelsAreCatalogued fails for one that is
// missing here or absent from the catalogue.
var sentinels = []*Error{
	ErrMissingParams, ErrCardNotRegistered, ErrCardInfo, ErrPhoneFormat, ErrCardFormat,
	ErrExpiryFormat, ErrCardRegistration, ErrTokenGeneration, ErrWrongCode,
	ErrInsufficientFunds, ErrCardBlocked, ErrSMSInfoOff, ErrTransactionDone,
	ErrTransactionCanceled, ErrTransactionNotFound, ErrServiceBlocked, ErrVendorUnknown,
	ErrUserNotFound, ErrProcessingDown, ErrVendorBlocked, ErrStaleTimestamp, ErrSystem,
	ErrForbidden, ErrInvalidRequest, ErrMethodNotFound, ErrParse,
}
