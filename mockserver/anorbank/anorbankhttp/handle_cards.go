package anorbankhttp

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// cardResponse is the card-service envelope (§1.1 #2).
type cardResponse struct {
	Success   bool    `json:"success"`
	Exception *string `json:"exception"` // null on success
	Data      any     `json:"data"`
}

type sendOtpData struct {
	ID        int64  `json:"id"`
	PhoneMask string `json:"phoneMask"`
}

type userCard struct {
	BankName       string `json:"bankName"`
	CardType       string `json:"cardType"`
	CardHolderName string `json:"cardHolderName"`
	PAN            string `json:"pan"` // AN-6: not the OCR's "pan'"
	Expiry         string `json:"expiry"`
}

func (a *Adapter) handleSendOTP(x *wire.Exchange, req *request) (any, error) {
	ref := cardRef(req.body)
	if ref.PAN == "" || ref.Expiry == "" {
		return nil, core.Failf(anorbank.CodeInvalidParams, "pan and exp (or expiry) are required")
	}
	if _, err := x.Intercept(rules.FactMap{"pan": ref.PAN}); err != nil {
		return nil, err
	}
	svc := req.svc
	sent, err := svc.SendOTP(req.agent.Username, ref)
	if err != nil {
		return nil, err
	}
	return cardResponse{Success: true, Data: sendOtpData{ID: sent.ID, PhoneMask: sent.PhoneMask}}, nil
}

func (a *Adapter) handleVerifyOTP(x *wire.Exchange, req *request) (any, error) {
	id, ok := req.body.Int("id") // the example sends it as a string (§3.4)
	code, _ := req.body.String("otp")
	if !ok || code == "" {
		return nil, core.Failf(anorbank.CodeInvalidParams, "id and otp are required")
	}
	if _, err := x.Intercept(rules.FactMap{}); err != nil {
		return nil, err
	}
	svc := req.svc
	token, err := svc.VerifyOTP(req.agent.Username, id, code)
	if err != nil {
		return nil, err
	}
	return cardResponse{Success: true, Data: token}, nil
}

func (a *Adapter) handleUserCards(x *wire.Exchange, req *request) (any, error) {
	if _, err := x.Intercept(rules.FactMap{}); err != nil {
		return nil, err
	}
	svc := req.svc
	cards := svc.UserCards(req.agent.Username)
	out := make([]userCard, 0, len(cards))
	for _, c := range cards {
		out = append(out, userCard{BankName: c.BankName, CardType: c.CardType, CardHolderName: c.HolderName, PAN: c.MaskedPAN, Expiry: c.Expiry})
	}
	return cardResponse{Success: true, Data: out}, nil
}
