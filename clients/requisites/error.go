package requisites

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paysandbox/paysandbox/clients/internal/transport"
)

// Error is a documented error envelope: {"status":"error","code","message","data":null}.
type Error struct {
	HTTPStatus int    `json:"-"`
	Code       int    `json:"code"`
	Message    string `json:"message"` // Russian, verbatim
	RequestID  string `json:"-"`
}

func sentinel(code int) *Error { return &Error{Code: code} }

// Documented errors, by code.
var (
	ErrServiceNotFound   = sentinel(1001) // unknown or inactive serviceId
	ErrServiceNotSetUp   = sentinel(1002) // settings for the service are missing
	ErrUserNotFound      = sentinel(1004) // bad Basic credentials (HTTP 401)
	ErrOrderNotFound     = sentinel(1008) // "Не удалось получить данные": no order with this orderId
	ErrNoAccess          = sentinel(1009) // the user may not call this method
	ErrAccountNotFound   = sentinel(1013)
	ErrBankNotSMP        = sentinel(1014)
	ErrReceiverNameChars = sentinel(1015)
	ErrPurposeChars      = sentinel(1016)
	ErrMissingFields     = sentinel(1017)
	ErrDocumentDate      = sentinel(3333)
	ErrCritical          = sentinel(2222) // check the status by orderId
	ErrSystem            = sentinel(1111) // check the status by orderId (also a repeated orderId)
)

func (e *Error) Error() string {
	return fmt.Sprintf("requisites: %d %s (HTTP %d)", e.Code, e.Message, e.HTTPStatus)
}

// Is compares codes, so errors.Is(err, requisites.ErrOrderNotFound) works.
func (e *Error) Is(target error) bool {
	return transport.SameCode(e, target, func(e *Error) int { return e.Code })
}

// MustCheckStatus reports the codes whose documented action is "check the
// payment status by orderId": the order may or may not exist.
func MustCheckStatus(err error) bool {
	return errors.Is(err, ErrSystem) || errors.Is(err, ErrCritical)
}

type envelope struct {
	Status  string          `json:"status"`
	Code    int             `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// decode reads the envelope; status "error" (any HTTP status) is *Error.
// An empty or foreign body is no usable answer.
func decode(a *transport.Answer, out any) error {
	var env envelope
	if err := a.JSON(&env); err != nil {
		return err
	}
	if env.Status == "" {
		return a.Unreadable(fmt.Errorf("no status in %.200s", a.Body))
	}
	if env.Status != "success" {
		return &Error{HTTPStatus: a.Status, Code: env.Code, Message: env.Message, RequestID: a.RequestID}
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Data, out); err != nil {
		return a.Unreadable(err)
	}
	return nil
}
