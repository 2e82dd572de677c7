package requisites

// sentinels are the package's documented-error sentinels, by name: removing
// one breaks this build, and TestSentinelsAreCatalogued fails for one that is
// missing here or absent from the catalogue.
var sentinels = []*Error{
	ErrServiceNotFound, ErrServiceNotSetUp, ErrUserNotFound, ErrOrderNotFound, ErrNoAccess,
	ErrAccountNotFound, ErrBankNotSMP, ErrReceiverNameChars, ErrPurposeChars, ErrMissingFields,
	ErrDocumentDate, ErrCritical, ErrSystem,
}
