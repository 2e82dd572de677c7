package aloqa

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Card checks in the order the gateway applies them. Sender codes and
// recipient codes differ where the catalogue has a pair (AQ-10).

// checkAmount applies the amount rules: 0 -32368, negative -32385, below
// min_amount -32328, above max_amount -32329.
func (s *Service) checkAmount(amount core.Tiyin) error {
	switch {
	case amount == 0:
		return core.Fail(CodeEnterAmount)
	case amount < 0:
		return core.Fail(CodeInvalidAmount)
	case amount < core.Tiyin(s.settings.MinAmount):
		return core.Fail(CodeAmountTooSmall)
	case amount > core.Tiyin(s.settings.MaxAmount):
		return core.Fail(CodeAmountTooLarge)
	}
	return nil
}

// checkSender is what a debit or transfer asks of the paying card.
func checkSender(c core.Card, amount core.Tiyin, now time.Time) error {
	switch c.Status {
	case core.CardBlocked:
		return core.Fail(CodeCardBlocked)
	case core.CardTemporarilyBlocked:
		return core.Fail(CodeCardTempBlocked)
	case core.CardBlacklisted:
		return core.Fail(CodeBlacklisted)
	case core.CardPINLocked:
		return core.Fail(CodePINLocked)
	case core.CardAccountBlocked:
		return core.Fail(CodeAccountBlocked)
	}
	if c.Expiry.ExpiredAt(now.In(Tashkent)) {
		return core.Fail(CodeCardExpired)
	}
	if c.Currency != 0 && c.Currency != 860 {
		return core.Fail(CodeForeignCurrency)
	}
	if c.HasFlag("foreign_country") {
		return core.Fail(CodeForeignCountry)
	}
	if c.HasFlag("unsupported_bank") {
		return core.Fail(CodeBankNotSupported)
	}
	if c.PerOperation > 0 && amount > c.PerOperation {
		return core.Fail(CodeBankRestriction)
	}
	return checkProcessing(c)
}

// checkProcessing is the card's processing centre answering.
func checkProcessing(c core.Card) error {
	switch c.Processing {
	case core.ProcessingDecline:
		return core.Fail(CodeDeclined)
	case core.ProcessingError:
		return core.Fail(CodeProcessingError)
	case core.ProcessingUnavailable:
		return core.Fail(CodeProcessingDown)
	case core.ProcessingVendorDown:
		if c.Vendor == core.VendorHumo {
			return core.Fail(CodeHumoDown)
		}
		return core.Fail(CodeUzcardDown)
	}
	return nil
}

// checkRecipient is what a transfer asks of the receiving card.
func checkRecipient(c core.Card, now time.Time) error {
	switch c.Status {
	case core.CardBlocked, core.CardTemporarilyBlocked:
		return core.Fail(CodeRecipientBlocked)
	case core.CardBlacklisted:
		return core.Fail(CodeRecipientBlacklist)
	case core.CardPINLocked:
		return core.Fail(CodeRecipientPIN)
	case core.CardAccountBlocked:
		return core.Fail(CodeAccountBlocked)
	}
	if c.Expiry.ExpiredAt(now.In(Tashkent)) {
		return core.Fail(CodeRecipientExpired)
	}
	switch {
	case !c.SMS:
		return core.Fail(CodeRecipientSMSOff)
	case c.HasFlag("unsupported_bank"):
		return core.Fail(CodeRecipientBank)
	case c.HasFlag("refuses_transfers"):
		return core.Fail(CodeRefusesTransfers)
	case c.HasFlag("sanctioned_blacklisted"):
		return core.Fail(CodeSanctionedBlack)
	case c.HasFlag("sanctioned"):
		return core.Fail(CodeSanctioned)
	case c.HasFlag("foreign_country"):
		return core.Fail(CodeForeignCountry)
	case c.Currency != 0 && c.Currency != 860:
		return core.Fail(CodeForeignCurrency)
	}
	return checkProcessing(c)
}

// checkSMS is what sending a code to the card asks: SMS-info on (-32311)
// and the daily SMS limit (-32372).
func (s *Service) checkSMSLocked(c core.Card) error {
	if !c.SMS {
		return core.Fail(CodeSMSOff)
	}
	if !s.smsAllowedLocked(c) {
		return core.Fail(CodeDailySMS)
	}
	return nil
}
