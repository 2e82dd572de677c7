package anorbank

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// bindRequest is one send-otp: the card waiting for its code (§4.2).
type bindRequest struct {
	ID        int64          `json:"id"`
	Agent     string         `json:"agent"`
	PAN       core.PAN       `json:"pan"`
	Challenge *otp.Challenge `json:"challenge"`
	Bound     bool           `json:"bound"`
}

// boundCard is a card an agent has bound. AN-7: the token is stored, but no
// documented endpoint takes it; binding decides what get-user-cards lists.
type boundCard struct {
	PAN   core.PAN `json:"pan"`
	Token string   `json:"token"`
}

// OTPSent is send-otp's answer.
type OTPSent struct {
	ID        int64
	PhoneMask string
}

// UserCard is one entry of get-user-cards.
type UserCard struct {
	BankName, CardType, HolderName, MaskedPAN, Expiry string
}

// SendOTP starts binding ref for agent and texts a code to the card's phone.
func (s *Service) SendOTP(agent string, ref CardRef) (OTPSent, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	card, err := s.lookupCard(ref, useBind, now)
	if err != nil {
		return OTPSent{}, err
	}
	if s.boundLocked(agent, card.PAN) != nil {
		return OTPSent{}, core.Fail(CodeCardAlreadyExists)
	}
	if card.HasFlag("not_owner") {
		return OTPSent{}, core.Fail(CodeNotCardOwner)
	}
	if err := s.smsAllowedLocked(card, now); err != nil {
		return OTPSent{}, err
	}
	s.st.NextBind++
	req := &bindRequest{ID: s.st.NextBind, Agent: agent, PAN: card.PAN, Challenge: s.newChallengeLocked(now)}
	s.sendCodeLocked(card, req.Challenge.Code(), now)
	if card.HasFlag("not_owner_sms") {
		// The code went out, but to someone who is not the card's owner.
		return OTPSent{}, core.Fail(CodeNotCardOwnerSMSSent)
	}
	s.st.BindReqs[req.ID] = req
	return OTPSent{ID: req.ID, PhoneMask: MaskPhone(card.Phone)}, nil
}

// VerifyOTP confirms a binding and returns the card token (a UUID).
func (s *Service) VerifyOTP(agent string, id int64, code string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	req, ok := s.st.BindReqs[id]
	if !ok || req.Agent != agent {
		return "", core.Fail(CodeObjectNotFound)
	}
	if req.Bound || s.boundLocked(agent, req.PAN) != nil {
		return "", core.Fail(CodeCardAlreadyExists)
	}
	if req.Challenge.Done() {
		return "", core.Failf(CodeCodeEntryLimitExceeded, "binding is dead: start over")
	}
	switch s.verifyChallengeLocked(req.Challenge, code, now) {
	case otp.OK:
	case otp.WrongRetry:
		return "", core.Fail(CodeInvalidCodeRetry)
	case otp.WrongResent:
		s.resendBindLocked(req, now)
		// D-14: #36 `invalid code sms sent` (400), not #35 (401): a 401
		// would fire a client's re-login handler on a typo.
		return "", core.Fail(CodeInvalidCodeSMSSent)
	case otp.ExpiredResent:
		s.resendBindLocked(req, now)
		return "", core.Fail(CodeCodeExpiredSMSSent)
	case otp.ExpiredDead:
		return "", core.Fail(CodeCodeExpiredRestart)
	default:
		return "", core.Fail(CodeCodeEntryLimitExceeded)
	}
	req.Bound = true
	token := s.faker.UUID()
	s.st.Bound[agent] = append(s.st.Bound[agent], &boundCard{PAN: req.PAN, Token: token})
	return token, nil
}

func (s *Service) resendBindLocked(req *bindRequest, now time.Time) {
	if card, ok := s.env.Cards.Get(req.PAN); ok {
		s.sendCodeLocked(card, req.Challenge.Code(), now)
	}
}

// UserCards lists the agent's bound cards, in binding order.
func (s *Service) UserCards(agent string) []UserCard {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []UserCard{}
	for _, bc := range s.st.Bound[agent] {
		card, ok := s.env.Cards.Get(bc.PAN)
		if !ok {
			continue
		}
		vendor := card.Vendor
		if vendor == "" {
			vendor = core.VendorUzcard
			if len(card.PAN) > 4 && card.PAN[:4] == "9860" {
				vendor = core.VendorHumo
			}
		}
		out = append(out, UserCard{
			BankName: bankNameOf(card.Bank), CardType: vendor, HolderName: card.Holder,
			MaskedPAN: card.PAN.Masked(), Expiry: card.Expiry.MMYY(), // AN-5: emit MMYY
		})
	}
	return out
}

func (s *Service) boundLocked(agent string, pan core.PAN) *boundCard {
	for _, bc := range s.st.Bound[agent] {
		if bc.PAN == pan {
			return bc
		}
	}
	return nil
}

// MaskPhone masks a 998… phone as send-otp's example does: the first five
// digits, six stars, the last three ("99897******987").
func MaskPhone(p string) string {
	if len(p) < 8 {
		return "******"
	}
	return p[:5] + "******" + p[len(p)-3:]
}

// MaskPhoneShort is the check's data.phone: "+9*****275".
func MaskPhoneShort(p string) string {
	if len(p) < 4 {
		return "+*****"
	}
	return "+" + p[:1] + "*****" + p[len(p)-3:]
}
