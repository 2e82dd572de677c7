package anorbank

import (
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// ExtPayParams is a legal-entity → card transfer (§3.15).
type ExtPayParams struct {
	Agent       string // D-16
	AgentTranID string
	Account     string // from.params.account
	MFO         string
	Name        string
	Card        CardRef
	Amount      core.Tiyin
}

// ExtPayResult is what ext/agent/pay answers, kept for replays (AN-15).
type ExtPayResult struct {
	Agent       string     `json:"agent"`
	AgentTranID string     `json:"agent_tran_id"`
	Amount      core.Tiyin `json:"amount"`
	PAN         core.PAN   `json:"pan"`
	BmID        int64      `json:"bm_id"`
	SenderExtID string     `json:"sender_ext_id"`
	RecvExtID   string     `json:"recv_ext_id"`
}

// ExtPay debits the agent's deposit and credits the card, once per agent
// and agentTranId: a repeat replays the first result (AN-15, D-16). The
// source account must be the agent's own. §4.4 mentions a commission on top;
// the sandbox charges none, and its answer says so (rate 0.0, amount 0), so
// the answer and the deposit agree.
func (s *Service) ExtPay(p ExtPayParams) (ExtPayResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.st.ExtPays[tranKey(p.Agent, p.AgentTranID)]; ok {
		return r, nil
	}
	now := s.now()
	s.sweepLocked(now)
	if p.AgentTranID == "" || p.Amount <= 0 || p.Account == "" || p.MFO == "" {
		return ExtPayResult{}, core.Failf(CodeInvalidParams, "agentTranId, amount, from.params")
	}
	if a := s.agentInfo; (a.Account != "" && p.Account != a.Account) || (a.MFO != "" && p.MFO != a.MFO) {
		return ExtPayResult{}, core.Failf(CodeInvalidParams, "from.params: not the agent's deposit account")
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
		Agent: p.Agent, AgentTranID: p.AgentTranID, Amount: p.Amount, PAN: card.PAN, BmID: s.st.NextExt,
		SenderExtID: strconv.FormatInt(int64(s.faker.Number(100000000, 999999999)), 10),
		RecvExtID:   strconv.FormatInt(int64(s.faker.Number(1000000000, 1999999999)), 10),
	}
	s.st.ExtPays[tranKey(p.Agent, p.AgentTranID)] = r
	return r, nil
}

// Deposit is the agent's legal-entity balance.
func (s *Service) Deposit() core.Tiyin {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.Deposit
}
