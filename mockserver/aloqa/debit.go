package aloqa

import (
	"errors"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// DebitState is where a debit or hold is (state machine §3.2).
type DebitState string

const (
	DebitAwaiting  DebitState = "AWAITING_CONFIRMATION"
	DebitHeld      DebitState = "HELD"
	DebitDebited   DebitState = "DEBITED" // immediate debit, or a charged hold
	DebitCancelled DebitState = "HOLD_CANCELLED"
	DebitReversed  DebitState = "REVERSED"
	DebitFailed    DebitState = "FAILED" // SMS code exhausted, or funds gone before confirm
)

// Refs are the processing references of a completed money move (AQ-13).
type Refs struct {
	Ext        string `json:"ext,omitempty"` // UZCARD
	RefNum     string `json:"ref_num,omitempty"`
	PaymentID  string `json:"payment_id,omitempty"` // HUMO
	PaymentRef string `json:"payment_ref,omitempty"`
	AuthRefNum string `json:"auth_ref_num,omitempty"`
	AprCode    string `json:"apr_code,omitempty"`
}

// Debit is one transactions/debit.
type Debit struct {
	ID        TxID           `json:"transaction_id"`
	PAN       core.PAN       `json:"pan"`
	Vendor    string         `json:"vendor"`
	Phone     string         `json:"phone"`
	Amount    core.Tiyin     `json:"amount_tiyin"`
	Merchant  string         `json:"merchant_id"`
	Terminal  string         `json:"terminal_id"`
	Hold      bool           `json:"is_hold"`
	State     DebitState     `json:"state"`
	Refs      Refs           `json:"refs"`
	Challenge *otp.Challenge `json:"otp,omitempty"` // SMS-confirmed debits only
	Lang      Lang           `json:"lang,omitempty"`
	At        time.Time      `json:"at"` // when the money moved or was held (D-18: a hold's age)
}

// DebitParams is a transactions/debit request.
type DebitParams struct {
	Token    CardToken
	Amount   core.Tiyin
	Merchant string
	Terminal string
	Hold     bool
	ForceSMS bool
	Lang     Lang
}

// DebitOutcome says which of the four documented answers applies (AQ-12).
type DebitOutcome struct {
	SMSSent bool  // {phone, transactionId}
	Debit   Debit // HELD -> {transactionId}; DEBITED -> the vendor shape
}

// Debit debits or holds, or asks for SMS confirmation first.
func (s *Service) Debit(p DebitParams) (DebitOutcome, error) {
	if err := s.checkAmount(p.Amount); err != nil {
		return DebitOutcome{}, err
	}
	if !s.terminals[p.Merchant][p.Terminal] {
		return DebitOutcome{}, core.Fail(CodeNoTerminal)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	card, err := s.cardOfTokenLocked(p.Token)
	if err != nil {
		return DebitOutcome{}, err
	}
	if s.awaitingOnCardLocked(card.PAN) {
		return DebitOutcome{}, core.Fail(CodePreviousInProgress)
	}
	if err := checkSender(card, p.Amount, s.now()); err != nil {
		return DebitOutcome{}, err
	}
	d := &Debit{PAN: card.PAN, Vendor: card.Vendor, Phone: card.Phone, Amount: p.Amount,
		Merchant: p.Merchant, Terminal: p.Terminal, Hold: p.Hold, Lang: p.Lang}
	if p.ForceSMS {
		if err := s.checkSMSLocked(card); err != nil {
			return DebitOutcome{}, err
		}
		if card.Balance < p.Amount {
			return DebitOutcome{}, core.Fail(CodeInsufficientFunds)
		}
		d.ID, d.State = s.newIDLocked(), DebitAwaiting
		d.Challenge = s.newChallengeLocked()
		s.st.Debits[d.ID] = d
		s.st.Awaiting[d.PAN] = d.ID
		s.sendCodeLocked(card, d.Challenge.Code(), p.Lang, "transactions/debit")
		return DebitOutcome{SMSSent: true, Debit: *d}, nil
	}
	d.ID = s.newIDLocked()
	if err := s.applyDebitLocked(d); err != nil {
		return DebitOutcome{}, err // nothing stored: the id is simply skipped
	}
	s.st.Debits[d.ID] = d
	return DebitOutcome{Debit: *d}, nil
}

// awaitingOnCardLocked: a debit on the card still waits for a live SMS code (-32364).
func (s *Service) awaitingOnCardLocked(pan core.PAN) bool {
	d := s.st.Debits[s.st.Awaiting[pan]]
	return d != nil && d.State == DebitAwaiting && !d.Challenge.Done() && s.now().Before(d.Challenge.ExpiresAt())
}

// applyDebitLocked moves the money: a hold reserves, a debit takes it and
// settles it to the merchant.
func (s *Service) applyDebitLocked(d *Debit) error {
	var err error
	if d.Hold {
		err = s.env.Cards.Reserve(d.PAN, d.Amount)
	} else {
		err = s.env.Cards.Debit(d.PAN, d.Amount)
	}
	if errors.Is(err, core.ErrInsufficientFunds) {
		return core.Fail(CodeInsufficientFunds)
	}
	if err != nil {
		return core.Failf(CodeSystemError, "ledger: %v", err)
	}
	card, _ := s.env.Cards.Get(d.PAN)
	d.Refs, d.At = s.refsLocked(), s.now() // a hold's references are its capture's (issue 11)
	if d.Hold {
		d.State = DebitHeld
		s.noteHoldLocked(d.At)
		s.addEntryLocked(card, entryHold, d.Amount, false, false, d.Merchant, d.Terminal, d.Refs)
		return nil
	}
	d.State = DebitDebited
	s.st.Settled[d.Merchant] += d.Amount
	s.addEntryLocked(card, entryPurchase, d.Amount, false, false, d.Merchant, d.Terminal, d.Refs)
	return nil
}

// ConfirmDebit confirms an SMS-confirmed debit or hold. The original
// debit's is_hold wins over the confirm's (reference §3.2).
func (s *Service) ConfirmDebit(id TxID, code string) (Debit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	d, ok := s.st.Debits[id]
	if !ok {
		return Debit{}, core.Fail(CodeTxNotFound)
	}
	switch d.State {
	case DebitAwaiting:
	case DebitHeld, DebitDebited:
		return Debit{}, core.Fail(CodeTxConfirmed)
	default:
		return Debit{}, core.Fail(CodeTxCancelled)
	}
	card, _ := s.env.Cards.Get(d.PAN)
	if card.Balance < d.Amount { // checked before the code is spent
		return Debit{}, core.Fail(CodeInsufficientFunds)
	}
	if err := s.verifyLocked(d.Challenge, d.PAN, code, d.Lang, "transactions/debit"); err != nil {
		if d.Challenge.Done() {
			d.State = DebitFailed
		}
		return Debit{}, err
	}
	if err := s.applyDebitLocked(d); err != nil {
		d.State = DebitFailed
		return Debit{}, err
	}
	return *d, nil
}

// ChargeHold captures a hold (HELD -> DEBITED).
func (s *Service) ChargeHold(id TxID) (Debit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	d, err := s.debitInLocked(id, DebitHeld)
	if err != nil {
		return Debit{}, err
	}
	if err := s.env.Cards.Capture(d.PAN, d.Amount); err != nil {
		return Debit{}, core.Failf(CodeSystemError, "ledger: %v", err)
	}
	d.State = DebitDebited
	s.st.Settled[d.Merchant] += d.Amount
	// The capture is the purchase, at the capture's time, with the hold's references.
	card, _ := s.env.Cards.Get(d.PAN)
	s.addEntryLocked(card, entryPurchase, d.Amount, false, false, d.Merchant, d.Terminal, d.Refs)
	return *d, nil
}

// CancelHold releases a hold (HELD -> HOLD_CANCELLED).
func (s *Service) CancelHold(id TxID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	d, err := s.debitInLocked(id, DebitHeld)
	if err != nil {
		return err
	}
	if err := s.env.Cards.Release(d.PAN, d.Amount); err != nil {
		return core.Failf(CodeSystemError, "ledger: %v", err)
	}
	d.State = DebitCancelled
	card, _ := s.env.Cards.Get(d.PAN)
	s.addEntryLocked(card, entryHoldRelease, d.Amount, false, true, d.Merchant, d.Terminal, d.Refs)
	return nil
}

// ReverseDebit refunds a debit or a charged hold (DEBITED -> REVERSED).
func (s *Service) ReverseDebit(id TxID) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	d, err := s.debitInLocked(id, DebitDebited)
	if err != nil {
		return err
	}
	if err := s.env.Cards.Credit(d.PAN, d.Amount); err != nil {
		return core.Failf(CodeSystemError, "ledger: %v", err)
	}
	s.st.Settled[d.Merchant] -= d.Amount
	d.State = DebitReversed
	card, _ := s.env.Cards.Get(d.PAN)
	s.addEntryLocked(card, entryReversal, d.Amount, true, true, d.Merchant, d.Terminal, d.Refs)
	return nil
}

// debitInLocked finds a debit that must be in want. Wrong states:
// completed -32312, cancelled/reversed/failed -32313, awaiting its SMS
// code -32365, a hold asked to reverse -32330 (use hold/cancel).
func (s *Service) debitInLocked(id TxID, want DebitState) (*Debit, error) {
	d, ok := s.st.Debits[id]
	if !ok {
		return nil, core.Fail(CodeTxNotFound)
	}
	if d.State == want {
		return d, nil
	}
	switch d.State {
	case DebitDebited:
		return nil, core.Fail(CodeTxCompleted)
	case DebitAwaiting:
		return nil, core.Fail(CodePaymentInProgress)
	case DebitHeld:
		return nil, core.Fail(CodeCancelFailed)
	}
	return nil, core.Fail(CodeTxCancelled)
}

// refsLocked generates processing references (AQ-13). HUMO's
// auth_ref_number is the RRN, which monitoring shows as refNumber: one
// number (issue 11).
func (s *Service) refsLocked() Refs {
	r := Refs{Ext: s.digitsLocked(9), RefNum: s.digitsLocked(12), PaymentID: s.digitsLocked(10),
		PaymentRef: s.digitsLocked(12), AprCode: s.digitsLocked(6)}
	r.AuthRefNum = r.RefNum
	return r
}
