package aloqahttp

import (
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// Route results, field sets as in the examples (AQ-4); fee is a string of
// integer tiyin (AQ-5); merchantId, never the table's mechantId (AQ-3).
type humo2humo struct {
	Fee        string `json:"fee"`
	PaymentID  string `json:"paymentId"`
	MerchantID string `json:"merchantId"`
	TerminalID string `json:"terminalId"`
}

type humo2uzcard struct {
	Fee            string `json:"fee"`
	RefNum         string `json:"refNum"`
	PaymentID      string `json:"paymentId"`
	PaymentRef     string `json:"paymentRef"`
	MerchantID     string `json:"merchantId"`
	TerminalID     string `json:"terminalId"`
	OfdURL         string `json:"ofd_url"`
	HasFiskalCheck bool   `json:"has_fiskal_check"`
}

// humo2uzcardConfirmed is p2p/confirm's humo2uzcard variant: a superset
// with aprCode and auth_ref_number (AQ-4).
type humo2uzcardConfirmed struct {
	Fee            string `json:"fee"`
	AprCode        string `json:"aprCode"`
	PaymentID      string `json:"paymentId"`
	PaymentRef     string `json:"paymentRef"`
	AuthRefNumber  string `json:"auth_ref_number"`
	RefNum         string `json:"refNum"`
	MerchantID     string `json:"merchantId"`
	TerminalID     string `json:"terminalId"`
	OfdURL         string `json:"ofd_url"`
	HasFiskalCheck bool   `json:"has_fiskal_check"`
}

type uzcard2humo struct {
	Fee            string `json:"fee"`
	RefNum         string `json:"refNum"`
	AprCode        string `json:"aprCode"`
	PaymentID      string `json:"paymentId"`
	PaymentRef     string `json:"paymentRef"`
	MerchantID     string `json:"merchantId"`
	TerminalID     string `json:"terminalId"`
	OfdURL         string `json:"ofd_url"`
	HasFiskalCheck bool   `json:"has_fiskal_check"`
}

type uzcard2uzcard struct {
	Fee            string `json:"fee"`
	RefNum         string `json:"refNum"`
	MerchantID     string `json:"merchantId"`
	TerminalID     string `json:"terminalId"`
	OfdURL         string `json:"ofd_url"`
	HasFiskalCheck bool   `json:"has_fiskal_check"`
}

func routeShape(t aloqa.Transfer, confirmed bool) any {
	fee, r := strconv.FormatInt(int64(t.Fee), 10), t.Refs
	ofd := "https://ofd.soliq.uz/check?t=" + r.RefNum
	switch t.Route {
	case aloqa.Humo2Humo:
		return humo2humo{Fee: fee, PaymentID: r.PaymentID, MerchantID: t.Merchant, TerminalID: t.Terminal}
	case aloqa.Humo2Uzcard:
		if confirmed {
			return humo2uzcardConfirmed{Fee: fee, AprCode: r.AprCode, PaymentID: r.PaymentID, PaymentRef: r.PaymentRef,
				AuthRefNumber: r.AuthRefNum, RefNum: r.RefNum, MerchantID: t.Merchant, TerminalID: t.Terminal, OfdURL: ofd, HasFiskalCheck: true}
		}
		return humo2uzcard{Fee: fee, RefNum: r.RefNum, PaymentID: r.PaymentID, PaymentRef: r.PaymentRef,
			MerchantID: t.Merchant, TerminalID: t.Terminal, OfdURL: ofd, HasFiskalCheck: true}
	case aloqa.Uzcard2Humo:
		return uzcard2humo{Fee: fee, RefNum: r.RefNum, AprCode: r.AprCode, PaymentID: r.PaymentID, PaymentRef: r.PaymentRef,
			MerchantID: t.Merchant, TerminalID: t.Terminal, OfdURL: ofd, HasFiskalCheck: true}
	}
	return uzcard2uzcard{Fee: fee, RefNum: r.RefNum, MerchantID: t.Merchant, TerminalID: t.Terminal, OfdURL: ofd, HasFiskalCheck: true}
}

// transferHandler serves p2p/<route>.
func transferHandler(route aloqa.Route) wire.Op[*request] {
	return func(x *wire.Exchange, req *request) (any, error) {
		token, err := req.str("token")
		if err != nil {
			return nil, err
		}
		pan, err := req.str("pan")
		if err != nil {
			return nil, err
		}
		expiry, err := req.str("expiry") // AQ-15: required
		if err != nil {
			return nil, err
		}
		amount, err := req.amount()
		if err != nil {
			return nil, err
		}
		// The sender's card is the `pan` fact (magic cards 24/25 as senders).
		named := map[string]any{"pan": req.svc.PANOfToken(aloqa.CardToken(token)), "recipient": pan, "amount": amount}
		if _, err := x.Intercept(named); err != nil {
			return nil, err
		}
		out, err := req.svc.Transfer(aloqa.TransferParams{Route: route, Token: aloqa.CardToken(token), PAN: pan,
			Expiry: expiry, Amount: core.Tiyin(amount), ForceSMS: req.body.Flag("force_sms_confirmation"), Lang: req.lang})
		if err != nil {
			return nil, err
		}
		if out.SMSSent {
			return smsResult{Phone: out.Transfer.Phone, TransactionID: out.Transfer.ID}, nil
		}
		return routeShape(out.Transfer, false), nil
	}
}

func handleP2PConfirm(x *wire.Exchange, req *request) (any, error) {
	id, code, err := confirmation(x, req)
	if err != nil {
		return nil, err
	}
	t, err := req.svc.ConfirmTransfer(id, code)
	if err != nil {
		return nil, err
	}
	return routeShape(t, true), nil
}

type recipientInfo struct {
	Name   string `json:"name"`
	Vendor string `json:"vendor"`
	Expiry string `json:"expiry"` // YYMM (AQ-2)
}

func handleRecipientInfo(x *wire.Exchange, req *request) (any, error) {
	pan, err := req.str("pan")
	if err != nil {
		return nil, err
	}
	if _, err := x.Intercept(map[string]any{"pan": pan}); err != nil {
		return nil, err
	}
	r, err := req.svc.RecipientInfo(pan)
	if err != nil {
		return nil, err
	}
	return recipientInfo{Name: r.Name, Vendor: vendorName(r.Vendor), Expiry: r.Expiry.YYMM()}, nil
}

type feeInfo struct {
	Fee         int64  `json:"fee"` // AQ-5: an integer here
	FeeRate     string `json:"feeRate"`
	AmountTotal int64  `json:"amountTotal"`
}

func handleFeeInfo(x *wire.Exchange, req *request) (any, error) {
	pan, err := req.str("pan")
	if err != nil {
		return nil, err
	}
	pan2, err := req.str("pan2")
	if err != nil {
		return nil, err
	}
	phone, err := req.str("phone")
	if err != nil {
		return nil, err
	}
	amount, err := req.amount()
	if err != nil {
		return nil, err
	}
	if _, err := x.Intercept(map[string]any{"pan": pan, "phone": phone, "amount": amount}); err != nil {
		return nil, err
	}
	q, err := req.svc.FeeInfo(pan, pan2, phone, core.Tiyin(amount))
	if err != nil {
		return nil, err
	}
	return feeInfo{Fee: int64(q.Fee), FeeRate: q.Rate, AmountTotal: int64(q.Total)}, nil
}
