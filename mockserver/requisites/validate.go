package requisites

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// PaymentParams is a payment or paymentBudget body as received. Numeric
// fields hold the decimal text of a JSON number or of a numeric string
// (RQ-4); "" means the field is missing.
type PaymentParams struct {
	Budget       bool // paymentBudget: no receiverName/mfoReceiver; 27-digit account; INN and purposeCode required
	OrderID      string
	ServiceID    string
	Amount       string
	Commission   string // comissionAmount (RQ-2)
	ReceiverName string
	MFO          string
	Account      string
	INN          string
	PurposeCode  string
	Purpose      string
	RefNumber    string
	CardType     string
	CardNumber   string
}

// OrderID is the partner's order number.
type OrderID string

// Payment is a validated payment order, ready to be applied.
type Payment struct {
	Budget       bool       `json:"budget,omitempty"`
	OrderID      OrderID    `json:"order_id"`
	ServiceID    ServiceID  `json:"service_id"`
	Amount       core.Tiyin `json:"amount"`
	Commission   core.Tiyin `json:"commission"`
	ReceiverName string     `json:"receiver_name,omitempty"`
	MFO          string     `json:"mfo,omitempty"`
	Account      string     `json:"account"`
	INN          string     `json:"inn,omitempty"`
	PurposeCode  string     `json:"purpose_code,omitempty"`
	Purpose      string     `json:"purpose"`
	RefNumber    string     `json:"ref_number,omitempty"`
	CardType     string     `json:"card_type,omitempty"`
	CardNumber   core.PAN   `json:"card_number,omitempty"`
}

// Total is what the service balance loses: amount plus commission.
func (p Payment) Total() core.Tiyin { return p.Amount + p.Commission }

// Validate checks a payment body in a fixed order, so each input has one
// documented answer: missing fields and malformed numbers (1017), the
// service (1001/1002), card fields for WORKING_WITH_CARD, INN and purpose
// code (1017), non-printable characters (1015/1016), the payee bank (1014)
// and the account (1013). It reads only fixed configuration, so it takes no lock.
func (s *Service) Validate(p PaymentParams) (Payment, error) {
	missing := func(v string) bool { return strings.TrimSpace(v) == "" }
	required := []string{p.OrderID, p.ServiceID, p.Amount, p.Commission, p.Purpose, p.Account}
	if p.Budget {
		required = append(required, p.INN, p.PurposeCode)
	} else {
		required = append(required, p.ReceiverName, p.MFO)
	}
	for _, v := range required {
		if missing(v) {
			return Payment{}, core.Fail(CodeMissingFields)
		}
	}
	// RQ-13: an orderId may not contain spaces; no code is documented, 1017.
	if strings.IndexFunc(p.OrderID, unicode.IsSpace) >= 0 {
		return Payment{}, core.Failf(CodeMissingFields, "orderId contains a space")
	}
	amount, ok1 := tiyin(p.Amount, false)
	commission, ok2 := tiyin(p.Commission, true)
	if !ok1 || !ok2 || amount > math.MaxInt64/2 || commission > math.MaxInt64/2 {
		return Payment{}, core.Failf(CodeMissingFields, "amount %q / comissionAmount %q", p.Amount, p.Commission)
	}
	svc, err := s.lookup(p.ServiceID)
	if err != nil {
		return Payment{}, err
	}
	if err := checkCard(svc, p); err != nil {
		return Payment{}, err
	}
	if p.INN != "" && !digits(p.INN, 9) {
		return Payment{}, core.Failf(CodeMissingFields, "innReceiver is not 9 digits")
	}
	if p.Budget && !digits(p.PurposeCode, 5) { // RQ-12: 5 digits only
		return Payment{}, core.Failf(CodeMissingFields, "purposeCode is not 5 digits")
	}
	if !printable(p.ReceiverName) {
		return Payment{}, core.Fail(CodeReceiverNameChars)
	}
	if !printable(p.Purpose) {
		return Payment{}, core.Fail(CodePurposeChars)
	}
	if !p.Budget {
		if b, ok := s.banks[p.MFO]; !ok || !b.SMP {
			return Payment{}, core.Failf(CodeBankNotSMP, "mfo %q unknown or not in the SMP", p.MFO)
		}
	}
	// RQ-3: validate against the field table (27 digits for the budget), not the bad example.
	want := 20
	if p.Budget {
		want = 27
	}
	if !digits(p.Account, want) {
		return Payment{}, core.Failf(CodeAccountNotFound, "receiverAccount is not %d digits", want)
	}
	return Payment{
		Budget: p.Budget, OrderID: OrderID(p.OrderID), ServiceID: svc.ID,
		Amount: amount, Commission: commission, ReceiverName: p.ReceiverName, MFO: p.MFO,
		Account: p.Account, INN: p.INN, PurposeCode: p.PurposeCode, Purpose: p.Purpose,
		RefNumber: p.RefNumber, CardType: p.CardType, CardNumber: core.PAN(p.CardNumber),
	}, nil
}

// checkCard: refNumber, cardType and cardNumber are required for a
// WORKING_WITH_CARD service; when present they must be well formed.
func checkCard(info ServiceInfo, p PaymentParams) error {
	if info.CardRequired() && (p.RefNumber == "" || p.CardType == "" || p.CardNumber == "") {
		return core.Failf(CodeMissingFields, "card fields are required for %s", info.Type)
	}
	if p.CardType != "" && p.CardType != core.VendorUzcard && p.CardType != core.VendorHumo {
		return core.Failf(CodeMissingFields, "cardType %q", p.CardType)
	}
	if p.CardNumber != "" && !digits(p.CardNumber, 16) {
		return core.Failf(CodeMissingFields, "cardNumber is not 16 digits")
	}
	return nil
}

// tiyin parses a non-negative decimal amount; zero is allowed only where
// the source allows it (the commission).
func tiyin(text string, zeroOK bool) (core.Tiyin, bool) {
	if !digits(text, 0) {
		return 0, false
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || (n == 0 && !zeroOK) {
		return 0, false
	}
	return core.Tiyin(n), true
}

// digits reports whether s is n ASCII digits (any positive number when n is 0).
func digits(s string, n int) bool {
	if s == "" || (n > 0 && len(s) != n) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// printable: no control, format or other non-graphic characters
// ("непечатаемые символы"); ordinary spaces are fine.
func printable(s string) bool {
	for _, r := range s {
		if r == unicode.ReplacementChar || !unicode.IsGraphic(r) {
			return false
		}
	}
	return true
}
