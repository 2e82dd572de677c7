package aloqa

import (
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// binding is a cards/add waiting for its SMS code (state machine §3.1).
type binding struct {
	PAN       core.PAN       `json:"pan"`
	Lang      Lang           `json:"lang"`
	Challenge *otp.Challenge `json:"otp"`
	Token     CardToken      `json:"token,omitempty"` // set once confirmed
}

type tokenRecord struct {
	PAN    core.PAN `json:"pan"`
	Issued int64    `json:"issued"` // unix seconds on the sandbox clock
}

// CardInfo is the bound card as cards/add-confirm shows it.
type CardInfo struct {
	Token    CardToken
	SMS      bool
	Balance  core.Tiyin
	Vendor   string // UZCARD | HUMO
	PAN      core.PAN
	Phone    string
	FullName string
	Currency int
	Filial   string
	Status   string // core.Card* status, as the ledger has it
}

// SMSSent is the answer of a call that sent a confirmation code.
type SMSSent struct {
	Phone string
	ID    TxID
}

// AddCard starts binding: it checks the card (format, existence, expiry,
// phone, SMS, bank, expiry date, in that order) and sends a code in lang.
// expiry is MMYY (AQ-2); phone may start with + (AQ-6).
func (s *Service) AddCard(panText, expiryText, phoneText string, lang Lang) (SMSSent, error) {
	pan, err := ParsePAN(panText)
	if err != nil {
		return SMSSent{}, err
	}
	exp, err := ParseMMYY(expiryText)
	if err != nil {
		return SMSSent{}, err
	}
	phone, err := ParsePhone(phoneText)
	if err != nil {
		return SMSSent{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	card, ok := s.env.Cards.Get(pan)
	switch {
	case !ok:
		return SMSSent{}, core.Fail(CodeCardNotFound)
	case card.Expiry != exp:
		return SMSSent{}, core.Fail(CodeWrongPANOrExpiry)
	case card.Phone != phone:
		return SMSSent{}, core.Fail(CodePhoneMismatch)
	}
	if err := s.checkSMSLocked(card); err != nil {
		return SMSSent{}, err
	}
	if card.HasFlag("unsupported_bank") {
		return SMSSent{}, core.Fail(CodeBankNotSupported)
	}
	if card.Expiry.ExpiredAt(s.now().In(Tashkent)) {
		return SMSSent{}, core.Fail(CodeCardExpired)
	}
	id := s.newIDLocked()
	b := &binding{PAN: pan, Lang: lang, Challenge: s.newChallengeLocked()}
	s.st.Bindings[id] = b
	s.sendCodeLocked(card, b.Challenge.Code(), lang, "cards/add")
	return SMSSent{Phone: card.Phone, ID: id}, nil
}

// ConfirmAdd finishes binding with the SMS code and issues the card token.
// A wrong, expired or exhausted code is -32308 (a new code is sent while
// the OTP model allows); a confirmed binding cannot be confirmed again.
func (s *Service) ConfirmAdd(id TxID, code string) (CardInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	b, ok := s.st.Bindings[id]
	if !ok {
		return CardInfo{}, core.Fail(CodeTxNotFound)
	}
	if b.Token != "" {
		return CardInfo{}, core.Fail(CodeTxConfirmed)
	}
	if err := s.verifyLocked(b.Challenge, b.PAN, code, b.Lang, "cards/add"); err != nil {
		return CardInfo{}, err
	}
	card, _ := s.env.Cards.Get(b.PAN)
	b.Token = s.uuidLocked()
	for s.st.Tokens[b.Token] != nil { // cannot happen (the stream resumes after a restore); stay unique anyway
		b.Token = s.uuidLocked()
	}
	s.st.Tokens[b.Token] = &tokenRecord{PAN: b.PAN, Issued: s.now().Unix()}
	return CardInfo{
		Token: b.Token, SMS: card.SMS, Balance: card.Balance, Vendor: card.Vendor, PAN: card.PAN,
		Phone: card.Phone, FullName: card.Holder, Currency: card.Currency, Filial: "00401", Status: card.Status,
	}, nil
}

// verifyLocked runs the OTP model; any failure is -32308, and a reissued
// code is sent by SMS.
func (s *Service) verifyLocked(ch *otp.Challenge, pan core.PAN, code string, lang Lang, purpose string) error {
	switch s.verifyChallengeLocked(ch, code, s.now()) {
	case otp.OK:
		return nil
	case otp.WrongResent, otp.ExpiredResent:
		if card, ok := s.env.Cards.Get(pan); ok {
			s.sendCodeLocked(card, ch.Code(), lang, purpose)
		}
	}
	return core.Fail(CodeWrongCode)
}

// cardOfTokenLocked resolves a token: unknown -32301, older than
// card_token_ttl -32324.
func (s *Service) cardOfTokenLocked(token CardToken) (core.Card, error) {
	t, ok := s.st.Tokens[token]
	if !ok {
		return core.Card{}, core.Fail(CodeCardNotRegistered)
	}
	if ttl := s.settings.CardTokenTTL.D(); s.now().Unix()-t.Issued >= int64(ttl.Seconds()) {
		return core.Card{}, core.Fail(CodeTokenExpired)
	}
	card, ok := s.env.Cards.Get(t.PAN)
	if !ok {
		return core.Card{}, core.Fail(CodeCardNotRegistered)
	}
	return card, nil
}

// PANOfToken is the card behind a token, for the rules' `pan` fact ("" if unknown).
func (s *Service) PANOfToken(token CardToken) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	if t, ok := s.st.Tokens[token]; ok {
		return string(t.PAN)
	}
	return ""
}

// PANOfTransaction is the card a transaction (binding, debit or transfer
// sender) names, for the rules' `pan` fact ("" if unknown).
func (s *Service) PANOfTransaction(id TxID) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	switch {
	case s.st.Bindings[id] != nil:
		return string(s.st.Bindings[id].PAN)
	case s.st.Debits[id] != nil:
		return string(s.st.Debits[id].PAN)
	case s.st.Transfers[id] != nil:
		return string(s.st.Transfers[id].From)
	}
	return ""
}
