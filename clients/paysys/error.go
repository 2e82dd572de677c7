package paysys

import (
	"errors"
	"fmt"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Error is a JSON-RPC error of the gateway: {"id", "error": {"code",
// "message"}, "result": null}. HTTP 200 for every code except the auth
// failure -32504 (HTTP 401).
type Error struct {
	Code       int    `json:"code"`
	Message    string `json:"message"` // Russian text
	HTTPStatus int    `json:"-"`
	ID         any    `json:"-"` // the echoed request id
	RequestID  string `json:"-"` // the X-Request-Id header, when present
}

func (e *Error) Error() string {
	return fmt.Sprintf("paysys: error %d (HTTP %d): %s", e.Code, e.HTTPStatus, e.Message)
}

// Is compares codes, so errors.Is(err, paysys.ErrTransactionNotFound) works.
func (e *Error) Is(target error) bool {
	return transport.SameCode(e, target, func(e *Error) int { return e.Code })
}

func sentinel(code int) *Error { return &Error{Code: code} }

// The gateway's documented codes (public gateway documentation).
var (
	ErrMissingParams       = sentinel(-32300) // a required parameter is missing
	ErrCardNotRegistered   = sentinel(-32301) // card not registered
	ErrCardInfo            = sentinel(-32302) // card info unavailable
	ErrPhoneFormat         = sentinel(-32303) // bad phone format
	ErrCardFormat          = sentinel(-32304) // bad card number format
	ErrExpiryFormat        = sentinel(-32305) // bad expiry format
	ErrCardRegistration    = sentinel(-32306) // card registration failed
	ErrTokenGeneration     = sentinel(-32307) // token generation failed
	ErrWrongCode           = sentinel(-32308) // wrong or expired code
	ErrInsufficientFunds   = sentinel(-32309) // insufficient funds (the PaySys balance)
	ErrCardBlocked         = sentinel(-32310) // card blocked
	ErrSMSInfoOff          = sentinel(-32311) // SMS notifications off
	ErrTransactionDone     = sentinel(-32312) // transaction already completed (also a repeated request id)
	ErrTransactionCanceled = sentinel(-32313) // transaction already cancelled (also a repeated request id)
	ErrTransactionNotFound = sentinel(-32314) // transaction not found
	ErrServiceBlocked      = sentinel(-32315) // service blocked
	ErrVendorUnknown       = sentinel(-32316) // vendor info unavailable
	ErrUserNotFound        = sentinel(-32317) // user or order not found
	ErrProcessingDown      = sentinel(-32318) // processing centre down
	ErrVendorBlocked       = sentinel(-32319) // vendor blocked
	ErrStaleTimestamp      = sentinel(-32320) // stale Auth timestamp
	ErrSystem              = sentinel(-32400) // system error
	ErrForbidden           = sentinel(-32504) // bad credentials (HTTP 401)
	ErrInvalidRequest      = sentinel(-32600) // not a JSON-RPC object
	ErrMethodNotFound      = sentinel(-32601) // unknown method
	ErrParse               = sentinel(-32700) // JSON parse error
)

// ErrUnknownOutcome: a payout was sent but no answer was read (the
// connection dropped, the context ended). The money may have moved; the
// client never resends, and neither should the caller: a repeated call is
// a second payout (D-10). Reconcile against the PaySys balance or report.
var ErrUnknownOutcome = errors.New("paysys: payout outcome unknown")

// UnknownOutcomeError carries the request id of a payout whose answer was lost.
type UnknownOutcomeError struct {
	RequestID string
	Err       error
}

func (e *UnknownOutcomeError) Error() string {
	return fmt.Sprintf("paysys: payout %s: outcome unknown: %v", e.RequestID, e.Err)
}

func (e *UnknownOutcomeError) Unwrap() []error { return []error{ErrUnknownOutcome, e.Err} }
