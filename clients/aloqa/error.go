package aloqa

import (
	"fmt"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Error is a documented AloqaGateway error: {"error": {"code", "message"}}.
type Error struct {
	Code       int    // e.g. -32309
	Message    string // the gateway's Russian text
	HTTPStatus int    // 200 for envelope errors, 401 for -32504
	RequestID  string
}

// Code returns a sentinel for any documented code: errors.Is(err, aloqa.Code(-32390)).
func Code(code int) *Error { return &Error{Code: code} }

// Frequently handled codes.
var (
	ErrParse              = Code(-32700)
	ErrInvalidRequest     = Code(-32600)
	ErrMethodNotFound     = Code(-32601)
	ErrUnauthorized       = Code(-32504)
	ErrMissingParams      = Code(-32300)
	ErrCardNotRegistered  = Code(-32301)
	ErrCardInfo           = Code(-32302)
	ErrBadPhone           = Code(-32303)
	ErrBadPAN             = Code(-32304)
	ErrBadExpiry          = Code(-32305)
	ErrWrongCode          = Code(-32308)
	ErrInsufficientFunds  = Code(-32309)
	ErrCardBlocked        = Code(-32310)
	ErrSMSOff             = Code(-32311)
	ErrTxCompleted        = Code(-32312)
	ErrTxCancelled        = Code(-32313)
	ErrTxNotFound         = Code(-32314)
	ErrTokenExpired       = Code(-32324)
	ErrAmountTooSmall     = Code(-32328)
	ErrAmountTooLarge     = Code(-32329)
	ErrDataNotFound       = Code(-32332)
	ErrPhoneMismatch      = Code(-32333)
	ErrSystem             = Code(-32334)
	ErrCardNotFound       = Code(-32335)
	ErrCardExpired        = Code(-32336)
	ErrWrongPANOrExpiry   = Code(-32347)
	ErrBadPeriod          = Code(-32350)
	ErrNoTerminal         = Code(-32362)
	ErrPreviousInProgress = Code(-32364)
	ErrPaymentInProgress  = Code(-32365)
	ErrEnterAmount        = Code(-32368)
	ErrCardTypeRoute      = Code(-32374)
	ErrInvalidAmount      = Code(-32385)
	ErrTxConfirmed        = Code(-32392)
)

func (e *Error) Error() string {
	return fmt.Sprintf("aloqa: %d (HTTP %d): %s", e.Code, e.HTTPStatus, e.Message)
}

// Is compares codes, so errors.Is(err, aloqa.ErrInsufficientFunds) works.
func (e *Error) Is(target error) bool {
	return transport.SameCode(e, target, func(e *Error) int { return e.Code })
}
