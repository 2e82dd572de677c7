package anorbank

import (
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// ExtPayParams is a legal-entity → card transfer (§3.15).
type ExtPayParams struct {
	AgentTranID string
	Account     string // from.params.account
	MFO         string
	Name        string
	Card        CardRef
	Amount      core.Tiyin
}

// ExtPayResult is what ext/agent/pay answers, kept for replays (AN-15).
type ExtPayResult struct {
	AgentTranID string     `json:"agent_tran_id"`
	Amount      core.Tiyin `json:"amount"`
	PAN         core.PAN   `json:"pan"`
	BmID        int64      `json:"bm_id"`
	SenderExtID string     `json:"sender_ext_id"`
	RecvExtID   string     `json:"recv_ext_id"`
}

// ExtPay debits the agent's deposit and credits the card, once per
// agentTranId: a repeat replays the first result (AN-15). §4.4 mentions a
// commission, but the example charges 0 at rate 0.4: the deposit pays
// exactly amount.
func (s *Service) ExtPay(p ExtPayParams) (ExtPayResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.st.ExtPays[p.AgentTranID]; ok {
		return r, nil
	}
	now := s.now()
	if p.AgentTranID == "" || p.Amount <= 0 || p.Account == "" || p.MFO == "" {
		return ExtPayResult{}, core.Failf(CodeInvalidParams, "agentTranId, amount, from.params")
	}
	card, err := s.lookupCard(p.Card, useCredit, now)
	if err != nil {
		return ExtPayResult{}, err
	}
	if err := perOperation(card, p.Amount); err != nil {
		return ExtPayResult{}, err
	}
	if p.Amount > s.st.Deposit {
		return ExtPayResult{}, core.Fail(CodeInsufficientDeposit)
	}
	if err := s.env.Cards.Credit(card.PAN, p.Amount); err != nil {
		return ExtPayResult{}, ledgerErr(err)
	}
	s.st.Deposit -= p.Amount
	s.st.NextExt++
	r := ExtPayResult{
		AgentTranID: p.AgentTranID, Amount: p.Amount, PAN: card.PAN, BmID: s.st.NextExt,
		SenderExtID: strconv.FormatInt(int64(s.faker.Number(100000000, 999999999)), 10),
		RecvExtID:   strconv.FormatInt(int64(s.faker.Number(1000000000, 1999999999)), 10),
	}
	s.st.ExtPays[p.AgentTranID] = r
	return r, nil
}

// Deposit is the agent's legal-entity balance.
func (s *Service) Deposit() core.Tiyin {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Deposit
}
