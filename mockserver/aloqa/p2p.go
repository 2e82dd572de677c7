package aloqa

import (
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// TransferState is where a P2P transfer is (state machine §3.3).
type TransferState string

const (
	TransferAwaiting TransferState = "AWAITING_CONFIRMATION"
	TransferDone     TransferState = "DONE"
	TransferFailed   TransferState = "FAILED"
)

// Transfer is one P2P transfer: the sender pays amount + fee, the
// recipient gets amount (§3.3).
type Transfer struct {
	ID        TxID           `json:"transaction_id"`
	Route     Route          `json:"route"`
	From      core.PAN       `json:"from"`
	To        core.PAN       `json:"to"`
	Phone     string         `json:"phone"` // the sender's, where the SMS code goes
	Amount    core.Tiyin     `json:"amount_tiyin"`
	Fee       core.Tiyin     `json:"fee_tiyin"`
	Merchant  string         `json:"merchant_id"`
	Terminal  string         `json:"terminal_id"`
	State     TransferState  `json:"state"`
	Refs      Refs           `json:"refs"`
	Challenge *otp.Challenge `json:"otp,omitempty"` // SMS-confirmed transfers only
	Lang      Lang           `json:"lang,omitempty"`
}

// TransferParams is a p2p/<route> request. Expiry is the recipient's, YYMM (AQ-2).
type TransferParams struct {
	Route    Route
	Token    CardToken
	PAN      string
	Expiry   string
	Amount   core.Tiyin
	ForceSMS bool
	Lang     Lang
}

// TransferOutcome: SMSSent -> {phone, transactionId}; else the route's shape.
type TransferOutcome struct {
	SMSSent  bool
	Transfer Transfer
}

// Transfer checks everything, then moves the money at once or asks for the
// SMS code first.
func (s *Service) Transfer(p TransferParams) (TransferOutcome, error) {
	to, err := ParsePAN(p.PAN)
	if err != nil {
		return TransferOutcome{}, err
	}
	exp, err := ParseYYMM(p.Expiry)
	if err != nil {
		return TransferOutcome{}, err
	}
	if err := s.checkAmount(p.Amount); err != nil {
		return TransferOutcome{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	sender, err := s.cardOfTokenLocked(p.Token)
	if err != nil {
		return TransferOutcome{}, err
	}
	toVendor := vendorOfBIN(to)
	if toVendor == "" {
		return TransferOutcome{}, core.Fail(CodeInvalidCardNumber)
	}
	if wantFrom, wantTo := p.Route.Vendors(); sender.Vendor != wantFrom || toVendor != wantTo {
		return TransferOutcome{}, core.Fail(CodeCardTypeRoute)
	}
	recipient, ok := s.env.Cards.Get(to)
	if !ok {
		return TransferOutcome{}, core.Fail(CodeCardInfoFailed)
	}
	if recipient.Expiry != exp { // AQ-15
		return TransferOutcome{}, core.Fail(CodeWrongPANOrExpiry)
	}
	if recipient.PAN == sender.PAN {
		return TransferOutcome{}, core.Fail(CodeRefusesTransfers) // issue 11: the nearest documented code
	}
	if err := checkSender(sender, p.Amount, s.now()); err != nil {
		return TransferOutcome{}, err
	}
	if err := checkRecipient(recipient, s.now()); err != nil {
		return TransferOutcome{}, err
	}
	fee := Fee(p.Amount, s.feeRates[p.Route])
	t := &Transfer{Route: p.Route, From: sender.PAN, To: to, Phone: sender.Phone, Amount: p.Amount, Fee: fee, Lang: p.Lang}
	t.Merchant, t.Terminal = s.p2pTerminal()
	if sender.Balance < p.Amount+fee {
		return TransferOutcome{}, core.Fail(CodeInsufficientFunds)
	}
	t.ID = s.newIDLocked()
	if p.ForceSMS {
		if err := s.checkSMSLocked(sender); err != nil {
			return TransferOutcome{}, err
		}
		t.State, t.Challenge = TransferAwaiting, s.newChallengeLocked()
		s.st.Transfers[t.ID] = t
		s.sendCodeLocked(sender, t.Challenge.Code(), p.Lang, "p2p/"+string(p.Route))
		return TransferOutcome{SMSSent: true, Transfer: *t}, nil
	}
	if err := s.applyTransferLocked(t); err != nil {
		return TransferOutcome{}, err
	}
	s.st.Transfers[t.ID] = t
	return TransferOutcome{Transfer: *t}, nil
}

// ConfirmTransfer finishes an SMS-confirmed transfer.
func (s *Service) ConfirmTransfer(id TxID, code string) (Transfer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	t, ok := s.st.Transfers[id]
	if !ok {
		return Transfer{}, core.Fail(CodeTxNotFound)
	}
	switch t.State {
	case TransferDone:
		return Transfer{}, core.Fail(CodeTxConfirmed)
	case TransferFailed:
		return Transfer{}, core.Fail(CodeTxCancelled)
	}
	if sender, _ := s.env.Cards.Get(t.From); sender.Balance < t.Amount+t.Fee {
		return Transfer{}, core.Fail(CodeInsufficientFunds) // before the code is spent
	}
	if err := s.verifyLocked(t.Challenge, t.From, code, t.Lang, "p2p/"+string(t.Route)); err != nil {
		if t.Challenge.Done() {
			t.State = TransferFailed
		}
		return Transfer{}, err
	}
	if err := s.applyTransferLocked(t); err != nil {
		t.State = TransferFailed
		return Transfer{}, err
	}
	return *t, nil
}

// applyTransferLocked debits the sender amount + fee in one ledger update
// (the balance check and the debit are atomic), then credits the
// recipient; the fee stays with the gateway.
func (s *Service) applyTransferLocked(t *Transfer) error {
	total := t.Amount + t.Fee
	err := s.env.Cards.Update(t.From, func(c *core.Card) error {
		if c.Balance < total {
			return core.Fail(CodeInsufficientFunds)
		}
		c.Balance -= total
		return nil
	})
	if err != nil {
		if _, ok := core.CodeOf(err); ok {
			return err
		}
		return core.Failf(CodeSystemError, "ledger: %v", err)
	}
	if err := s.env.Cards.Credit(t.To, t.Amount); err != nil {
		// Cannot happen (the set of cards is fixed); put the money back.
		_ = s.env.Cards.Credit(t.From, total)
		return core.Failf(CodeSystemError, "ledger: %v", err)
	}
	s.st.Fees += t.Fee
	t.State, t.Refs = TransferDone, s.refsLocked()
	from, _ := s.env.Cards.Get(t.From)
	to, _ := s.env.Cards.Get(t.To)
	s.addEntryLocked(from, entryP2PDebit, total, false, false, t.Merchant, t.Terminal, t.Refs)
	s.addEntryLocked(to, entryP2PCredit, t.Amount, true, false, t.Merchant, t.Terminal, t.Refs)
	return nil
}

// p2pTerminal is the scenario's first merchant and terminal: P2P results
// echo them (AQ-13).
func (s *Service) p2pTerminal() (string, string) {
	best := ""
	for id := range s.merchants {
		if best == "" || id < best {
			best = id
		}
	}
	if best == "" {
		return "", ""
	}
	terms := s.merchants[best].Terminals
	if len(terms) == 0 {
		return best, ""
	}
	return best, terms[0]
}

// Recipient is what p2p/recipient-info tells about a card.
type Recipient struct {
	Name   string
	Vendor string
	Expiry core.YearMonth
}

// RecipientInfo looks a card up by number: BIN not 8600/9860 -32387,
// unknown -32302.
func (s *Service) RecipientInfo(panText string) (Recipient, error) {
	pan, err := ParsePAN(panText)
	if err != nil {
		return Recipient{}, err
	}
	if vendorOfBIN(pan) == "" {
		return Recipient{}, core.Fail(CodeInvalidCardNumber)
	}
	card, ok := s.env.Cards.Get(pan)
	if !ok {
		return Recipient{}, core.Fail(CodeCardInfoFailed)
	}
	return Recipient{Name: card.Holder, Vendor: card.Vendor, Expiry: card.Expiry}, nil
}

// FeeQuote is p2p/fee-info's answer.
type FeeQuote struct {
	Fee   core.Tiyin
	Rate  string
	Total core.Tiyin
}

// FeeInfo quotes the commission of a transfer from pan to pan2. phone is
// the user's login and must be the sender card's SMS phone (-32357).
func (s *Service) FeeInfo(panText, pan2Text, phoneText string, amount core.Tiyin) (FeeQuote, error) {
	from, err := ParsePAN(panText)
	if err != nil {
		return FeeQuote{}, err
	}
	to, err := ParsePAN(pan2Text)
	if err != nil {
		return FeeQuote{}, err
	}
	phone, err := ParsePhone(phoneText)
	if err != nil {
		return FeeQuote{}, err
	}
	if err := s.checkAmount(amount); err != nil {
		return FeeQuote{}, err
	}
	sender, ok := s.env.Cards.Get(from)
	if !ok {
		return FeeQuote{}, core.Fail(CodeSenderNotFound)
	}
	if sender.Phone != phone {
		return FeeQuote{}, core.Fail(CodeLoginPhoneMismatch)
	}
	toVendor := vendorOfBIN(to)
	if toVendor == "" {
		return FeeQuote{}, core.Fail(CodeInvalidCardNumber)
	}
	// Issue 11: a quote answers as the transfer would.
	if _, ok := s.env.Cards.Get(to); !ok {
		return FeeQuote{}, core.Fail(CodeCardInfoFailed)
	}
	if to == from {
		return FeeQuote{}, core.Fail(CodeRefusesTransfers)
	}
	rate := s.feeRates[RouteOf(sender.Vendor, toVendor)]
	fee := Fee(amount, rate)
	return FeeQuote{Fee: fee, Rate: rate, Total: amount + fee}, nil
}
