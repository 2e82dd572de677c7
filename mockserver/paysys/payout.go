package paysys

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// PayParams is a validated pam.pay_by_cash call.
type PayParams struct {
	VendorID int64
	Account  string
	Amount   core.Tiyin
	// Steps overrides the wallet's scripted statuses (a rule's outcome).
	Steps []Step
}

// Payout is what pam.pay_by_cash reports.
type Payout struct {
	ID            string     `json:"id"` // details.id, 32 hex
	TransactionID int64      `json:"transaction_id"`
	Amount        core.Tiyin `json:"amount_tiyin"`
	Created       time.Time  `json:"created"`
	Tracker       string     `json:"mx_id"`
}

// Payment is what pam.check_payment reports.
type Payment struct {
	TransactionID int64
	VendorID      int64
	Account       string
	Amount        core.Tiyin
	Created       time.Time
	Status        int
}

// payout is one payout as the state holds it (and a snapshot saves it).
type payout struct {
	Payout
	VendorID int64  `json:"vendor_id"`
	Account  string `json:"account"`
	Steps    []Step `json:"steps"`              // the script in force (a rule may have overridden the wallet's)
	Returned bool   `json:"returned,omitempty"` // its money came back (cancel, refund, error)
}

// statusAt walks the script: each step lasts its For, the last is final.
func (p *payout) statusAt(now time.Time) int {
	elapsed := now.Sub(p.Created)
	for i, st := range p.Steps {
		if i == len(p.Steps)-1 || elapsed < st.For {
			return st.Status
		}
		elapsed -= st.For
	}
	return StatusCompleted
}

// scriptReturns reports whether any step gives the money back.
func scriptReturns(steps []Step) bool {
	for _, st := range steps {
		if returnsMoney(st.Status) {
			return true
		}
	}
	return false
}

// PayByCash pays out to a wallet: every check first, then the debit, all
// under the lock. Every call is a new payout: the JSON-RPC id is only echoed,
// never an idempotency key (D-10), so -32312 / -32313 come only from rules.
func (s *Service) PayByCash(p PayParams) (Payout, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.env.Clock.Now()
	s.settleLocked(now)
	steps, err := s.checkLocked(p)
	if err != nil {
		return Payout{}, err
	}
	s.st.Balance -= p.Amount
	s.st.LastTx++
	po := &payout{VendorID: p.VendorID, Account: p.Account, Steps: steps, Payout: Payout{
		ID: s.hex32Locked(), TransactionID: s.st.LastTx, Amount: p.Amount, Created: now, Tracker: s.hex32Locked(),
	}}
	s.st.Payouts = append(s.st.Payouts, po)
	s.byTx[po.TransactionID] = po
	if scriptReturns(steps) {
		s.open[po.TransactionID] = po // a script that starts with -1 returns the money at the next read
	}
	return po.Payout, nil
}

// checkLocked validates a new payout against the scenario and the balance.
func (s *Service) checkLocked(p PayParams) ([]Step, error) {
	if !ValidAccount(p.Account) {
		return nil, core.Fail(CodePhoneFormat)
	}
	v, ok := s.vendors[p.VendorID]
	if !ok {
		return nil, core.Fail(CodeVendorUnknown)
	}
	if v.Blocked {
		return nil, core.Fail(CodeVendorBlocked)
	}
	steps, ok := s.wallets[walletKey{p.VendorID, p.Account}]
	if !ok {
		return nil, core.Fail(CodeUserNotFound)
	}
	if p.Amount <= 0 {
		return nil, core.Fail(CodeMissingParams)
	}
	if p.Amount > s.st.Balance {
		return nil, core.Fail(CodeInsufficientFunds)
	}
	if len(p.Steps) > 0 {
		steps = p.Steps
	}
	return steps, nil
}

// ValidAccount: a wallet account is 9–15 digits (SCENARIOS.md §3, -32303).
func ValidAccount(a string) bool {
	if len(a) < 9 || len(a) > 15 {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] < '0' || a[i] > '9' {
			return false
		}
	}
	return true
}

// CheckPayment returns a payout's current state without changing anything but the
// lazily settled balance; unknown ids are -32314.
func (s *Service) CheckPayment(txID int64) (Payment, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.env.Clock.Now()
	s.settleLocked(now)
	p, ok := s.byTx[txID]
	if !ok {
		return Payment{}, core.Fail(CodeTxNotFound)
	}
	return Payment{
		TransactionID: p.TransactionID, VendorID: p.VendorID, Account: p.Account,
		Amount: p.Amount, Created: p.Created, Status: p.statusAt(now),
	}, nil
}

// settleLocked gives back the money of payouts whose script has reached
// cancel, refund or error by now. Evaluated lazily (SCENARIOS.md §2: no
// timers), so clock jumps are exact.
func (s *Service) settleLocked(now time.Time) {
	for id, p := range s.open {
		if returnsMoney(p.statusAt(now)) {
			s.st.Balance += p.Amount
			p.Returned = true
			delete(s.open, id)
		}
	}
}
