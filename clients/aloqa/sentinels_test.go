package aloqa

// sentinels are the package's documented-error sentinels, by name: removing
// one breaks this build, and TestSentinelsAreCatalogued fails for one that is
// missing here or absent from the catalogue.
var sentinels = []*Error{
	ErrParse, ErrInvalidRequest, ErrMethodNotFound, ErrUnauthorized, ErrMissingParams,
	ErrCardNotRegistered, ErrCardInfo, ErrBadPhone, ErrBadPAN, ErrBadExpiry, ErrWrongCode,
	ErrInsufficientFunds, ErrCardBlocked, ErrSMSOff, ErrTxCompleted, ErrTxCancelled,
	ErrTxNotFound, ErrTokenExpired, ErrAmountTooSmall, ErrAmountTooLarge, ErrDataNotFound,
	ErrPhoneMismatch, ErrSystem, ErrCardNotFound, ErrCardExpired, ErrWrongPANOrExpiry,
	ErrBadPeriod, ErrNoTerminal, ErrPreviousInProgress, ErrPaymentInProgress, ErrEnterAmount,
	ErrCardTypeRoute, ErrInvalidAmount, ErrTxConfirmed,
}
