package anorbank

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Error is a documented Anor Bank error.
type Error struct {
	HTTPStatus int    `json:"-"`
	Status     int    `json:"status"` // the object's own status
	Detail     string `json:"detail"` // the machine code, e.g. "bill not found"
	Title      string `json:"title"`
	Langs      Langs  `json:"langs"`
	// ID is the `id` of a nested bmms error (the bill), when present.
	ID        any    `json:"-"`
	RequestID string `json:"-"`
}

// Langs are the texts of an error.
type Langs struct {
	UZ string `json:"uz"`
	EN string `json:"en"`
	RU string `json:"ru"`
}

func (e *Error) Error() string {
	return fmt.Sprintf("anorbank: %s (status %d, HTTP %d): %s", e.Detail, e.Status, e.HTTPStatus, e.Langs.EN)
}

// Is compares details, so errors.Is(err, anorbank.ErrBillNotFound) works.
func (e *Error) Is(target error) bool {
	return transport.SameCode(e, target, func(e *Error) string { return e.Detail })
}

func sentinel(detail string) *Error { return &Error{Detail: detail} }

// Documented errors, by detail.
var (
	ErrParseError                   = sentinel("parse error")
	ErrBadCredentials               = sentinel("bad credentials")
	ErrPhoneExists                  = sentinel("phone exists")
	ErrInvalidRequest               = sentinel("invalid request")
	ErrLimitExceeded                = sentinel("limit exceeded")
	ErrInvalidPassword              = sentinel("invalid password")
	ErrInvalidParams                = sentinel("invalid params")
	ErrInvalidRSAMessage            = sentinel("invalid rsa message")
	ErrObjectNotFound               = sentinel("object not found")
	ErrNotFound                     = sentinel("not found")
	ErrNotImplemented               = sentinel("not_implemented")
	ErrBillNotFound                 = sentinel("bill not found")
	ErrServiceNotFound              = sentinel("service not found")
	ErrServiceNotActive             = sentinel("service not active")
	ErrDebitError                   = sentinel("debit error")
	ErrBillingError                 = sentinel("billing error")
	ErrBillingErrorReversed         = sentinel("billing error reversed")
	ErrBillingErrorWillReverse      = sentinel("billing error will reverse")
	ErrBillingErrorNeedReverse      = sentinel("billing error need reverse")
	ErrCardNotFound                 = sentinel("card not found")
	ErrCardNotActive                = sentinel("card not active")
	ErrCardNotValid                 = sentinel("card not valid")
	ErrUsernameNotFound             = sentinel("username not found")
	ErrUsernameExists               = sentinel("username exists")
	ErrNotCardOwner                 = sentinel("not card owner")
	ErrNotCardOwnerSMSSent          = sentinel("not card owner sms_sent")
	ErrBankNotSupported             = sentinel("bank not supported")
	ErrBillNotValid                 = sentinel("bill not valid")
	ErrP2PRequestNotValid           = sentinel("p2p request not valid")
	ErrCardAlreadyExists            = sentinel("card already exists")
	ErrSMSInfoIsOff                 = sentinel("sms info is off")
	ErrCodeExpiredSMSSent           = sentinel("code expired sms_sent")
	ErrCodeExpiredRestart           = sentinel("code expired restart")
	ErrCodeEntryLimitExceeded       = sentinel("code entry limit exceeded restart")
	ErrActivationCodeSent           = sentinel("activation code sent")
	ErrInvalidCodeSMSSent           = sentinel("invalid code sms sent")
	ErrInvalidCodeRetry             = sentinel("invalid code retry")
	ErrVersionNotSpecified          = sentinel("version not specified")
	ErrVersionNotSpecifiedOrInvalid = sentinel("version not specified or invalid")
	ErrVersionTooOld                = sentinel("version too old")
	ErrPCError                      = sentinel("pc error")
	ErrInsufficientFundsOnDeposit   = sentinel("insufficient funds on deposit")
	ErrInsufficientFunds            = sentinel("insufficient funds")
	ErrInternalError                = sentinel("internal error")
	ErrUnknownError                 = sentinel("unknown error")
	ErrObjectLocked                 = sentinel("object locked")
	ErrTimeout                      = sentinel("timeout")
)

// decodeError recognises the documented error shapes: a bare error object
// with a non-2xx status, or HTTP 200 {"id":…,"result":{error}} (AN-1).
func decodeError(a *transport.Answer) *Error {
	data, reqID := a.Body, a.RequestID
	if a.Status != http.StatusOK {
		e := &Error{HTTPStatus: a.Status, RequestID: reqID}
		if json.Unmarshal(data, e) != nil || e.Detail == "" {
			e.Status, e.Detail = a.Status, "unknown error"
			e.Langs.EN = fmt.Sprintf("unexpected HTTP %d: %.200s", a.Status, data)
		}
		return e
	}
	var nested struct {
		ID     any             `json:"id"`
		Result json.RawMessage `json:"result"`
	}
	if json.Unmarshal(data, &nested) != nil || len(nested.Result) == 0 || nested.Result[0] != '{' {
		return nil
	}
	var obj Error
	if json.Unmarshal(nested.Result, &obj) != nil || obj.Detail == "" {
		return nil
	}
	obj.HTTPStatus, obj.ID, obj.RequestID = a.Status, nested.ID, reqID
	return &obj
}
