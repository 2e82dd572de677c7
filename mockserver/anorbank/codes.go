package anorbank

// Catalogue codes (the `detail` of contracts/errors/anorbank.yaml) the domain returns.
const (
	CodeParseError       = "parse error"
	CodeBadCredentials   = "bad credentials"
	CodeInvalidRequest   = "invalid request"
	CodeLimitExceeded    = "limit exceeded"
	CodeInvalidPassword  = "invalid password"
	CodeInvalidParams    = "invalid params"
	CodeObjectNotFound   = "object not found"
	CodeNotFound         = "not found"
	CodeNotImplemented   = "not_implemented"
	CodeBillNotFound     = "bill not found"
	CodeUsernameNotFound = "username not found"
	CodeInternalError    = "internal error"
)
