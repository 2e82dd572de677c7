package paysys

// Catalogue codes (contracts/errors/paysys.yaml) the domain and adapter return.
// They are the public gateway documentation's codes (paysys.md §7); -32602 is
// never used (D-4).
const (
	CodeMissingParams     = "-32300"
	CodePhoneFormat       = "-32303"
	CodeInsufficientFunds = "-32309"
	CodeTxCompleted       = "-32312"
	CodeTxCancelled       = "-32313"
	CodeTxNotFound        = "-32314"
	CodeVendorUnknown     = "-32316"
	CodeUserNotFound      = "-32317"
	CodeVendorBlocked     = "-32319"
	CodeStaleTimestamp    = "-32320"
	CodeInternal          = "-32400"
	CodeForbidden         = "-32504"
	CodeInvalidRequest    = "-32600"
	CodeMethodNotFound    = "-32601"
	CodeParseError        = "-32700"
)

// Payment statuses (the seed's complete table).
const (
	StatusError     = -1
	StatusCreated   = 0
	StatusAwaiting  = 1
	StatusCompleted = 2
	StatusCancelled = 3
	StatusRefunded  = 6
	StatusHeld      = 7
)

// returnsMoney reports the statuses that give the payout back to the PaySys
// balance: cancel, refund and error.
func returnsMoney(status int) bool {
	return status == StatusCancelled || status == StatusRefunded || status == StatusError
}

// JSON-RPC methods, as rules and faults name operations (SCENARIOS.md §1).
const (
	MethodPayByCash    = "pam.pay_by_cash"
	MethodCheckPayment = "pam.check_payment"
)

// Methods is the one list of PaySys methods: the adapter's method table
// must serve exactly these (checked when it is built), and scenario and
// fault rules may name them as operations.
func Methods() []string { return []string{MethodPayByCash, MethodCheckPayment} }
