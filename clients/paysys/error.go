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
func (e *Error) Is(target error) bool { return transport.SameCode(e, target, (*Error).key) }

func (e *Error) key() int { return e.Code }

func sentinel(code int) *Error { return &Error{Code: code} }

// The gateway's documented codes (public gateway documentation).
var (
	ErrMissingParams       = sentinel(-32300)
	ErrCardNotRegistered   = sentinel(-32301)
	ErrCardInfo            = sentinel(-32302)
	ErrPhoneFormat         = sentinel(-32303)
	ErrCardFormat          = sentinel(-32304)
	ErrExpiryFormat        = sentinel(-32305)
	ErrCardRegistration    = sentinel(-32306)
	ErrTokenGeneration     = sentinel(-32307)
	ErrWrongCode           = sentinel(-32308)
	ErrInsufficientFunds   = sentinel(-32309)
	ErrCardBlocked         = sentinel(-32310)
	ErrSMSInfoOff          = sentinel(-32311)
	ErrTransactionDone     = sentinel(-32312)
	ErrTransactionCanceled = sentinel(-32313)
	ErrTransactionNotFound = sentinel(-32314)
	ErrServiceBlocked      = sentinel(-32315)
	ErrVendorUnknown       = sentinel(-32316)
	ErrUserNotFound        = sentinel(-32317)
	ErrProcessingDown      = sentinel(-32318)
	ErrVendorBlocked       = sentinel(-32319)
	ErrStaleTimestamp      = sentinel(-32320)
	ErrSystem              = sentinel(-32400)
	ErrForbidden           = sentinel(-32504)
	ErrInvalidRequest      = sentinel(-32600)
	ErrMethodNotFound      = sentinel(-32601)
	ErrParse               = sentinel(-32700)
)

// ErrUnknownOutcome: a payout was sent but no answer was read (the
// connection dropped, the context ended). The money may have moved; the
// client never resends. Use ResolvePayout with the same request id, or
// CheckPayment when the transaction id is known.
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
