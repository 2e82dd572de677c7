package anorbank

import (
	"errors"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// CardRef is a card as a request names it: the PAN and the expiry as sent.
type CardRef struct {
	PAN    string
	Expiry string // MMYY (YYMM fallback, AN-5)
}

// ParseExpiry reads a 4-digit card expiry. AN-5: MMYY is canonical; only
// when the first two digits are not a month (01–12) is YYMM tried.
func ParseExpiry(s string) (core.YearMonth, bool) {
	if len(s) != 4 || !digits(s) {
		return core.YearMonth{}, false
	}
	a, b := int(s[0]-'0')*10+int(s[1]-'0'), int(s[2]-'0')*10+int(s[3]-'0')
	if a >= 1 && a <= 12 {
		return core.YearMonth{Year: 2000 + b, Month: a}, true
	}
	if b >= 1 && b <= 12 {
		return core.YearMonth{Year: 2000 + a, Month: b}, true
	}
	return core.YearMonth{}, false
}

// ValidPAN: a card number is 16 digits in every example (§3.3).
func ValidPAN(s string) bool { return len(s) == 16 && digits(s) }

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// cardUse says what an operation is about to do with a card, so that only
// the relevant card states refuse it.
type cardUse int

const (
	useBind   cardUse = iota // send-otp: owner flags, SMS-info
	useCheck                 // unregistered-check: SMS-info, processing reachability
	useMove                  // money moves (pay, hold, more, ext-pay): processing outcome
	useCredit                // ext-pay credit: processing outcome, no SMS
)

// lookupCard resolves ref and checks the card's own state. Order: format,
// existence, status, validity (expiry, currency), bank, then use-specific.
func (s *Service) lookupCard(ref CardRef, use cardUse, now time.Time) (core.Card, error) {
	if !ValidPAN(ref.PAN) {
		return core.Card{}, core.Failf(CodeInvalidParams, "pan must be 16 digits")
	}
	exp, ok := ParseExpiry(ref.Expiry)
	if !ok {
		return core.Card{}, core.Failf(CodeInvalidParams, "expiry must be MMYY")
	}
	card, ok := s.env.Cards.Get(core.PAN(ref.PAN))
	if !ok {
		return core.Card{}, core.Fail(CodeCardNotFound)
	}
	if err := cardState(card, now); err != nil {
		return core.Card{}, err
	}
	if exp != card.Expiry {
		return core.Card{}, core.Failf(CodeCardNotValid, "expiry mismatch")
	}
	if card.HasFlag("unsupported_bank") {
		return core.Card{}, core.Fail(CodeBankNotSupported)
	}
	switch use {
	case useBind:
		if !card.SMS {
			return core.Card{}, core.Fail(CodeSMSInfoIsOff)
		}
	case useCheck:
		if !card.SMS {
			return core.Card{}, core.Fail(CodeSMSInfoIsOff)
		}
		if err := processingReachable(card); err != nil {
			return core.Card{}, err
		}
	case useMove, useCredit:
		if err := processingOutcome(card); err != nil {
			return core.Card{}, err
		}
	}
	return card, nil
}

// cardState: status and validity, checked on every use of a card.
func cardState(card core.Card, now time.Time) error {
	if card.Status != core.CardActive && card.Status != "" {
		return core.Failf(CodeCardNotActive, "card status %s", card.Status)
	}
	if card.Expiry.ExpiredAt(now) {
		return core.Failf(CodeCardNotValid, "card expired")
	}
	if card.Currency != 0 && card.Currency != 860 {
		return core.Failf(CodeCardNotValid, "card currency %d", card.Currency)
	}
	return nil
}

// processingReachable: a check talks to the processing centre (balance,
// SMS); an erroring or unreachable one fails it. A decline only shows when
// money moves.
func processingReachable(card core.Card) error {
	switch card.Processing {
	case core.ProcessingError:
		return core.Fail(CodePCError)
	case core.ProcessingUnavailable, core.ProcessingVendorDown:
		return core.Fail(CodeTimeout)
	}
	return nil
}

func processingOutcome(card core.Card) error {
	if card.Processing == core.ProcessingDecline {
		return core.Fail(CodeDebitError)
	}
	return processingReachable(card)
}

// perOperation: the card's own limit on one operation (magic card 18).
func perOperation(card core.Card, amount core.Tiyin) error {
	if card.PerOperation > 0 && amount > card.PerOperation {
		return core.Failf(CodeLimitExceeded, "per-operation limit %d", card.PerOperation)
	}
	return nil
}

// ledgerErr maps a card-ledger failure to the catalogue.
func ledgerErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, core.ErrInsufficientFunds):
		return core.Fail(CodeInsufficientFunds)
	case errors.Is(err, core.ErrCardNotFound):
		return core.Fail(CodeCardNotFound)
	}
	return core.Failf(CodeInternalError, "ledger: %w", err)
}
