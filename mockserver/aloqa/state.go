package aloqa

import (
	"sort"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Settlements is where money that left the cards went: merchants (debits
// and charges minus reversals) and P2P fees. With the cards' balances and
// holds it makes the conservation invariant the concurrency test checks.
func (s *Service) Settlements() (merchants, fees core.Tiyin) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	for _, v := range s.st.Settled {
		merchants += v
	}
	return merchants, s.st.Fees
}

// StateView is what GET /__admin/state/aloqa shows (card numbers masked).
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	debits := make([]map[string]any, 0, len(s.st.Debits))
	for _, d := range s.st.Debits {
		debits = append(debits, map[string]any{"transactionId": d.ID, "pan": d.PAN.Masked(), "amount": d.Amount,
			"is_hold": d.Hold, "state": d.State, "merchantId": d.Merchant, "terminalId": d.Terminal})
	}
	sort.Slice(debits, func(i, j int) bool { return debits[i]["transactionId"].(TxID) < debits[j]["transactionId"].(TxID) })
	transfers := make([]map[string]any, 0, len(s.st.Transfers))
	for _, t := range s.st.Transfers {
		transfers = append(transfers, map[string]any{"transactionId": t.ID, "route": t.Route, "from": t.From.Masked(),
			"to": t.To.Masked(), "amount": t.Amount, "fee": t.Fee, "state": t.State})
	}
	sort.Slice(transfers, func(i, j int) bool {
		return transfers[i]["transactionId"].(TxID) < transfers[j]["transactionId"].(TxID)
	})
	bound := 0
	for _, b := range s.st.Bindings {
		if b.Token != "" {
			bound++
		}
	}
	merchants := core.Tiyin(0)
	for _, v := range s.st.Settled {
		merchants += v
	}
	return map[string]any{
		"bindings":         map[string]int{"started": len(s.st.Bindings), "confirmed": bound},
		"tokens":           len(s.st.Tokens),
		"debits":           debits,
		"transfers":        transfers,
		"monitoring":       len(s.st.Entries),
		"merchant_settled": merchants,
		"fees_collected":   s.st.Fees,
	}
}
