package aloqahttp

import (
	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

type holdResult struct {
	TransactionID aloqa.TxID `json:"transactionId"`
}

type uzcardResult struct {
	Ext           string     `json:"ext"`
	RefNum        string     `json:"refNum"`
	MerchantID    string     `json:"merchantId"`
	TerminalID    string     `json:"terminalId"`
	TransactionID aloqa.TxID `json:"transactionId"`
}

type humoResult struct {
	PaymentID     string     `json:"paymentId"`
	PaymentRef    string     `json:"paymentRef"`
	MerchantID    string     `json:"merchantId"`
	TerminalID    string     `json:"terminalId"`
	AuthRefNumber string     `json:"auth_ref_number"`
	TransactionID aloqa.TxID `json:"transactionId"`
}

// vendorShape is a completed debit in its card's vendor shape (§2.2, AQ-13).
func vendorShape(d aloqa.Debit) any {
	if d.Vendor == core.VendorHumo {
		return humoResult{PaymentID: d.Refs.PaymentID, PaymentRef: d.Refs.PaymentRef, MerchantID: d.Merchant,
			TerminalID: d.Terminal, AuthRefNumber: d.Refs.AuthRefNum, TransactionID: d.ID}
	}
	return uzcardResult{Ext: d.Refs.Ext, RefNum: d.Refs.RefNum, MerchantID: d.Merchant, TerminalID: d.Terminal, TransactionID: d.ID}
}

// debitResult picks the answer (AQ-12): SMS -> {phone, transactionId};
// held -> {transactionId}; debited -> the vendor shape.
func debitResult(d aloqa.Debit, smsSent bool) any {
	switch {
	case smsSent:
		return smsResult{Phone: d.Phone, TransactionID: d.ID}
	case d.State == aloqa.DebitHeld:
		return holdResult{TransactionID: d.ID}
	}
	return vendorShape(d)
}

func handleDebit(x *wire.Exchange, req *request) (any, error) {
	token, err := req.str("token")
	if err != nil {
		return nil, err
	}
	amount, err := req.amount()
	if err != nil {
		return nil, err
	}
	merchant, err := req.str("merchantId")
	if err != nil {
		return nil, err
	}
	terminal, err := req.str("terminalId")
	if err != nil {
		return nil, err
	}
	if _, err := x.Intercept(map[string]any{"pan": req.svc.PANOfToken(aloqa.CardToken(token)), "amount": amount}); err != nil {
		return nil, err
	}
	out, err := req.svc.Debit(aloqa.DebitParams{
		Token: aloqa.CardToken(token), Amount: core.Tiyin(amount), Merchant: merchant, Terminal: terminal,
		Hold: req.body.Flag("is_hold"), ForceSMS: req.body.Flag("force_sms_confirmation"), Lang: req.lang,
	})
	if err != nil {
		return nil, err
	}
	return debitResult(out.Debit, out.SMSSent), nil
}

func handleDebitConfirm(x *wire.Exchange, req *request) (any, error) {
	id, code, err := confirmation(x, req)
	if err != nil {
		return nil, err
	}
	d, err := req.svc.ConfirmDebit(id, code)
	if err != nil {
		return nil, err
	}
	return debitResult(d, false), nil
}

// byID runs an operation that names a transaction only.
func byID(x *wire.Exchange, req *request) (aloqa.TxID, error) {
	id, err := req.txID()
	if err != nil {
		return 0, err
	}
	_, err = x.Intercept(map[string]any{"pan": req.svc.PANOfTransaction(id)})
	return id, err
}

func handleDebitReverse(x *wire.Exchange, req *request) (any, error) {
	id, err := byID(x, req)
	if err != nil {
		return nil, err
	}
	return true, req.svc.ReverseDebit(id)
}

func handleHoldCharge(x *wire.Exchange, req *request) (any, error) {
	id, err := byID(x, req)
	if err != nil {
		return nil, err
	}
	d, err := req.svc.ChargeHold(id)
	if err != nil {
		return nil, err
	}
	return vendorShape(d), nil
}

func handleHoldCancel(x *wire.Exchange, req *request) (any, error) {
	id, err := byID(x, req)
	if err != nil {
		return nil, err
	}
	return true, req.svc.CancelHold(id)
}
