package core

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
)

// Tiyin is money: 1 sum = 100 tiyin. Every amount inside the sandbox is an
// integer number of tiyin; adapters convert at the wire when a provider
// documents sums (PaySys).
type Tiyin int64

// PAN is a card number. It masks itself in logs (first 6, last 4) so no call
// site can forget.
type PAN string

// Masked returns the PAN as first 6 + stars + last 4.
func (p PAN) Masked() string { return MaskPAN(string(p)) }

// LogValue implements slog.LogValuer.
func (p PAN) LogValue() slog.Value { return slog.StringValue(p.Masked()) }

// String masks too: fmt verbs must never print a full card number.
func (p PAN) String() string { return p.Masked() }

// MaskPAN masks a card number as first 6 + stars + last 4; anything shorter
// than 10 characters is masked whole.
func MaskPAN(s string) string {
	if len(s) < 10 {
		return "****"
	}
	return s[:6] + strings.Repeat("*", len(s)-10) + s[len(s)-4:]
}

// Error is a documented provider error. Domain code returns it with the
// provider's own code (Anor Bank: the catalogue `detail`; others: the numeric
// code as text); the provider's adapter renders status and texts from the
// catalogue in contracts/errors.
type Error struct {
	Code  string
	Cause error // for logs only, never sent to a client
}

// Fail returns the documented error code.
func Fail(code string) *Error { return &Error{Code: code} }

// Failf wraps a cause (logged, not sent) under a documented code.
func Failf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Cause: fmt.Errorf(format, args...)}
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return e.Code + ": " + e.Cause.Error()
	}
	return e.Code
}

func (e *Error) Unwrap() error { return e.Cause }

// Is makes errors.Is compare documented codes.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// CodeOf returns the documented code carried by err, if any.
func CodeOf(err error) (string, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Code, true
	}
	return "", false
}
