package aloqahttp

import (
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

type smsResult struct {
	Phone         string     `json:"phone"`
	TransactionID aloqa.TxID `json:"transactionId"`
}

// cardInfo is cards/add-confirm's result, field set as in the example (AQ-4).
type cardInfo struct {
	Token          aloqa.CardToken `json:"token"`
	SMS            bool            `json:"sms"`
	PinCnt         int             `json:"pincnt"`
	Status         int             `json:"status"`
	Balance        int64           `json:"balance"`
	CashbackAmount int64           `json:"cashbackAmount"`
	FilialCode     string          `json:"filialCode"`
	Vendor         string          `json:"vendor"`
	PAN            string          `json:"pan"`
	Phone          string          `json:"phone"`
	FullName       string          `json:"fullName"`
	CardType       string          `json:"cardtype"`
	Currency       string          `json:"currency"` // AQ-5: a string here
	CurrencyCode   string          `json:"currencyCode"`
	IsVirtual      bool            `json:"isVirtual"`
}

func handleCardsAdd(x *wire.Exchange, req *request) (any, error) {
	pan, err := req.str("pan")
	if err != nil {
		return nil, err
	}
	expiry, err := req.str("expiry")
	if err != nil {
		return nil, err
	}
	phone, err := req.str("phone")
	if err != nil {
		return nil, err
	}
	if _, err := x.Intercept(map[string]any{"pan": pan, "phone": phone}); err != nil {
		return nil, err
	}
	sent, err := req.svc.AddCard(pan, expiry, phone, req.lang)
	if err != nil {
		return nil, err
	}
	return smsResult{Phone: sent.Phone, TransactionID: sent.ID}, nil
}

func handleCardsAddConfirm(x *wire.Exchange, req *request) (any, error) {
	id, code, err := confirmation(x, req)
	if err != nil {
		return nil, err
	}
	c, err := req.svc.ConfirmAdd(id, code)
	if err != nil {
		return nil, err
	}
	cur := c.Currency
	if cur == 0 {
		cur = 860
	}
	code3 := "UZS"
	if cur != 860 {
		code3 = map[int]string{840: "USD", 978: "EUR", 643: "RUB"}[cur]
		if code3 == "" {
			code3 = "XXX"
		}
	}
	return cardInfo{
		Token: c.Token, SMS: c.SMS, Balance: int64(c.Balance), FilialCode: c.Filial,
		Vendor: vendorName(c.Vendor), PAN: maskAQ8(string(c.PAN)), Phone: c.Phone, FullName: c.FullName,
		CardType: "private", Currency: strconv.Itoa(cur), CurrencyCode: code3,
		Status: cardStatus[c.Status], PinCnt: pinCount(c.Status),
	}, nil
}

// cardStatus is add-confirm's `status`: 0 = active (the reference's only
// documented value); the other numbers are the sandbox's (docs/aloqa.md),
// one per ledger status, so a blocked card is never shown as active.
var cardStatus = map[string]int{
	core.CardActive: 0, core.CardBlocked: 1, core.CardTemporarilyBlocked: 2,
	core.CardBlacklisted: 3, core.CardPINLocked: 4, core.CardAccountBlocked: 5,
}

// pinCount is add-confirm's `pincnt` (wrong PIN attempts): a PIN-locked card
// has used all three, any other none.
func pinCount(status string) int {
	if status == core.CardPINLocked {
		return 3
	}
	return 0
}

// maskAQ8 masks a card number as first 6 + ****** + last 4 (AQ-8).
func maskAQ8(pan string) string {
	if len(pan) < 10 {
		return "****"
	}
	return pan[:6] + "******" + pan[len(pan)-4:]
}

// vendorName is the vendor in lowercase, as the examples write it.
func vendorName(v string) string {
	if v == "HUMO" {
		return "humo"
	}
	return "uzcard"
}
