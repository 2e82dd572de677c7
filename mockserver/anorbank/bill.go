package anorbank

import (
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
	"github.com/paysandbox/paysandbox/scenarios"
)

// BillID is the bill's number, the `id` of every bill object and the
// `billId` of every later call (AN-9).
type BillID int64

// BillState is the bill's status string as the wire shows it.
type BillState string

const (
	BillCheckOK     BillState = "CHECK_OK"
	BillSuccess     BillState = "SUCCESS"
	BillHoldSuccess BillState = "HOLD_SUCCESS" // AN-11: with the underscore
	BillCancelled   BillState = "CANCELLED"
)

// Op is a bill operation.
type Op string

const (
	OpPay            Op = "unregistered-pay"
	OpHold           Op = "hold/v2/otp"
	OpTopUp          Op = "hold/v2/more"
	OpPartialReverse Op = "hold/v2/reverse/partial"
	OpConfirm        Op = "hold/v2/confirm"
	OpReverse        Op = "hold/v2/reverse"
	OpCancel         Op = "cancel/v3"

	// Events: what the recipient's billing or the sandbox clock does to a
	// bill, not a client's call.
	EvBillingRefused Op = "billing refused" // recipient 1003: nothing debited, the bill ends
	EvRefunded       Op = "refunded"        // recipients 1004, 1005: the debit went back
	EvDied           Op = "died"            // D-17: the code expired or its tries ran out; D-18: the hold expired
)

// transitions is the bill state machine (§4.3): which operation a state
// allows and where it leads. Anything else is `bill not valid`.
var transitions = map[BillState]map[Op]BillState{
	BillCheckOK: {OpPay: BillSuccess, OpHold: BillHoldSuccess, EvBillingRefused: BillCancelled, EvDied: BillCancelled},
	BillHoldSuccess: {
		OpTopUp: BillHoldSuccess, OpPartialReverse: BillHoldSuccess,
		OpConfirm: BillSuccess, OpReverse: BillCancelled, EvBillingRefused: BillCancelled, EvDied: BillCancelled,
	},
	BillSuccess:   {OpCancel: BillCancelled, EvRefunded: BillCancelled},
	BillCancelled: {},
}

// Next returns the state op leads to from st, or `bill not valid`.
func Next(st BillState, op Op) (BillState, error) {
	next, ok := transitions[st][op]
	if !ok {
		return st, core.Failf(CodeBillNotValid, "%s not allowed in %s", op, st)
	}
	return next, nil
}

// move is a bill an operation may run on, with the state the table says
// the operation leads to; commit applies it once the money has moved.
type move struct {
	*Bill
	next BillState
}

func (m move) commit() { m.State = m.next }

// on applies an event the table allows in the bill's state (a refused one
// leaves the state as it is).
func (b *Bill) on(ev Op) {
	if next, err := Next(b.State, ev); err == nil {
		b.State = next
	}
}

// Bill is one checked bill and what became of it. Money: Held is reserved
// on the card, Settled has left it (paid or captured, minus refunds).
// The json tags are the state file's (persist.go): a new field is persisted
// by adding it here.
type Bill struct {
	ID            BillID    `json:"id"`
	Agent         string    `json:"agent"` // D-16: only its agent sees the bill
	AgentTranID   string    `json:"agent_tran_id"`
	Account       string    `json:"account"`
	RecipientID   int64     `json:"recipient_id"`
	RecipientName string    `json:"recipient_name"`
	Billing       string    `json:"billing"`
	PAN           core.PAN  `json:"pan"`
	Phone         string    `json:"phone"`
	Currency      int       `json:"currency"`
	State         BillState `json:"state"`
	Success       bool      `json:"success"` // false while a billing error is pending (1005, 1006)

	Amount   core.Tiyin `json:"amount"` // what the bill object shows now
	Held     core.Tiyin `json:"held"`
	Original core.Tiyin `json:"original"`  // the primary hold: the top-up cap is measured on it (§4.3)
	ToppedUp core.Tiyin `json:"topped_up"` // Σ hold/v2/more increments
	Settled  core.Tiyin `json:"settled"`

	// Challenge is the bill's OTP; nil in the copies operations return.
	Challenge *otp.Challenge `json:"challenge,omitempty"`
	ReverseAt time.Time      `json:"reverse_at,omitzero"` // 1005: when the pending refund happens
	HeldAt    time.Time      `json:"held_at,omitzero"`    // D-18: the hold is released hold_ttl after this
	Expired   bool           `json:"expired,omitempty"`   // D-17: died in CHECK_OK when its code expired

	RequestTime  time.Time `json:"request_time"` // of the last operation
	ResponseTime time.Time `json:"response_time"`
	LeftSeconds  int64     `json:"left_seconds"` // check only: the OTP's lifetime (AN-12)
}

// out is the copy of b an operation returns: no shared challenge.
func (b *Bill) out() Bill {
	c := *b
	c.Challenge = nil
	return c
}

// CheckParams is an unregistered-check.
type CheckParams struct {
	Agent       string // D-16
	Account     string
	RecipientID int64
	Amount      core.Tiyin
	Currency    int
	AgentTranID string
	Card        CardRef
}

// Check creates a bill (CHECK_OK) and texts an OTP to the card's phone.
// AN-15: a repeated agentTranId returns the existing bill unchanged.
func (s *Service) Check(p CheckParams) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweepLocked(now)
	if id, ok := s.byTranID[tranKey(p.Agent, p.AgentTranID)]; ok {
		b := s.st.Bills[id]
		s.settleLocked(b, now)
		out := b.out()
		if b.State == BillCheckOK {
			out.LeftSeconds = b.Challenge.LeftSeconds(now) // counts down on every replay
		}
		return out, nil
	}
	if p.Amount <= 0 || p.AgentTranID == "" || (p.Currency != 0 && p.Currency != 860) {
		return Bill{}, core.Failf(CodeInvalidParams, "amount, agentTranId or currency")
	}
	rcp, err := s.recipientLocked(p.RecipientID)
	if err != nil {
		return Bill{}, err
	}
	card, err := s.lookupCard(p.Card, useCheck, now)
	if err != nil {
		return Bill{}, err
	}
	if err := perOperation(card, p.Amount); err != nil {
		return Bill{}, err
	}
	if p.Amount > card.Balance {
		return Bill{}, core.Fail(CodeInsufficientFunds)
	}
	if err := s.smsAllowedLocked(card, now); err != nil {
		return Bill{}, err
	}
	s.st.NextBill++
	b := &Bill{
		ID: BillID(s.st.NextBill), Agent: p.Agent, AgentTranID: p.AgentTranID, Account: p.Account,
		RecipientID: rcp.ID, RecipientName: rcp.Name, Billing: rcp.Billing,
		PAN: card.PAN, Phone: card.Phone, Currency: 860, State: BillCheckOK, Success: true,
		Amount: p.Amount, Challenge: s.newChallengeLocked(now),
		RequestTime: now, ResponseTime: now,
	}
	b.LeftSeconds = b.Challenge.LeftSeconds(now)
	s.st.Bills[b.ID] = b
	s.byTranID[tranKey(p.Agent, p.AgentTranID)] = b.ID
	s.dueLocked(b)
	s.sendCodeLocked(card, b.Challenge.Code(), now)
	return b.out(), nil
}

func (s *Service) recipientLocked(id int64) (scenarios.AnorbankRecipient, error) {
	r, ok := s.recipients[id]
	if !ok {
		return r, core.Fail(CodeServiceNotFound)
	}
	if !r.IsActive() {
		return r, core.Fail(CodeServiceNotActive)
	}
	if r.Name == "" {
		r.Name = "RECIPIENT " + strconv.FormatInt(r.ID, 10)
	}
	return r, nil
}

// Pay pays a checked bill with the client's OTP: debit, then billing.
func (s *Service) Pay(agent string, id BillID, code string) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	b, card, err := s.authorizeLocked(agent, id, OpPay, code, now)
	if err != nil {
		return Bill{}, err
	}
	if err := s.billingRefusesLocked(b.Bill, now); err != nil {
		return Bill{}, err
	}
	if err := ledgerErr(s.env.Cards.Debit(card.PAN, b.Amount)); err != nil {
		return Bill{}, err
	}
	b.Settled += b.Amount
	b.commit()
	s.stamp(b.Bill, now)
	return s.billingLocked(b.Bill, now)
}

// Status reports the bill by id or by agentTranId (§3.14). Given both,
// they must name the same bill: a mismatch is `bill not found`, not a
// silently ignored agentTranId.
func (s *Service) Status(agent string, id BillID, agentTranID string) (Bill, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id <= 0 {
		tid, ok := s.byTranID[tranKey(agent, agentTranID)]
		if !ok {
			return Bill{}, core.Fail(CodeBillNotFound)
		}
		id = tid
	}
	b, ok := s.st.Bills[id]
	if !ok || b.Agent != agent || (agentTranID != "" && b.AgentTranID != agentTranID) {
		return Bill{}, core.Fail(CodeBillNotFound)
	}
	s.settleLocked(b, s.now())
	out := b.out()
	out.LeftSeconds = 0
	return out, nil
}

// BillPAN is the card a bill was checked with: pay-by-id calls publish it
// as the rules' `pan` fact (SCENARIOS.md §1).
func (s *Service) BillPAN(agent string, id BillID) (string, core.Tiyin, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.st.Bills[id]
	if !ok || b.Agent != agent {
		return "", 0, false
	}
	return string(b.PAN), b.Amount, true
}

// authorizeLocked is what pay and hold share: the bill must allow op, the
// OTP must be right, and the bill's card must be usable.
// D-15: a missing or empty code is a request error: no try counted.
func (s *Service) authorizeLocked(agent string, id BillID, op Op, code string, now time.Time) (move, core.Card, error) {
	if code == "" {
		return move{}, core.Card{}, core.Failf(CodeInvalidParams, "otp is required")
	}
	b, err := s.billFor(agent, id, op, now)
	if err != nil {
		return move{}, core.Card{}, err
	}
	if err := s.verifyLocked(b.Bill, code, now); err != nil {
		return move{}, core.Card{}, err
	}
	card, err := s.cardOfBill(b.Bill, now)
	if err != nil {
		return move{}, core.Card{}, err
	}
	return b, card, nil
}

// billFor finds the agent's bill (D-16: another agent's is unknown) and
// asks the table where op leads from its state.
func (s *Service) billFor(agent string, id BillID, op Op, now time.Time) (move, error) {
	b, ok := s.st.Bills[id]
	if !ok || b.Agent != agent {
		return move{}, core.Fail(CodeBillNotFound)
	}
	s.settleLocked(b, now)
	if b.Expired && (op == OpPay || op == OpHold) {
		return move{}, core.Fail(CodeCodeExpiredRestart) // D-17
	}
	next, err := Next(b.State, op)
	if err != nil {
		return move{}, err
	}
	return move{b, next}, nil
}

// cardOfBill re-checks the bill's card before money moves.
func (s *Service) cardOfBill(b *Bill, now time.Time) (core.Card, error) {
	card, ok := s.env.Cards.Get(b.PAN)
	if !ok {
		return card, core.Fail(CodeCardNotFound)
	}
	if err := cardState(card, now); err != nil {
		return card, err
	}
	return card, processingOutcome(card)
}

// verifyLocked runs the OTP model on the bill's code (SCENARIOS.md §3).
func (s *Service) verifyLocked(b *Bill, code string, now time.Time) error {
	if b.Challenge == nil || b.Challenge.Done() {
		return core.Failf(CodeBillNotValid, "the bill's code is used up")
	}
	switch s.verifyChallengeLocked(b.Challenge, code, now) {
	case otp.OK:
		return nil
	case otp.WrongRetry:
		return core.Fail(CodeInvalidCodeRetry)
	case otp.WrongResent:
		s.resendLocked(b, now)
		return core.Fail(CodeInvalidCodeSMSSent)
	case otp.ExpiredResent:
		s.resendLocked(b, now)
		return core.Fail(CodeCodeExpiredSMSSent)
	case otp.ExpiredDead:
		s.dieLocked(b, true)
		return core.Fail(CodeCodeExpiredRestart)
	case otp.WrongDead:
		s.dieLocked(b, false)
		return core.Fail(CodeCodeEntryLimitExceeded)
	}
	return core.Failf(CodeBillNotValid, "the bill's code is used up")
}

func (s *Service) resendLocked(b *Bill, now time.Time) {
	if card, ok := s.env.Cards.Get(b.PAN); ok {
		s.sendCodeLocked(card, b.Challenge.Code(), now)
	}
}

func (s *Service) stamp(b *Bill, now time.Time) {
	b.RequestTime, b.ResponseTime = now, s.now()
	b.LeftSeconds = 0
}

// tranKey indexes an agentTranId: unique per agent (D-16).
func tranKey(agent, tran string) string { return agent + "\x00" + tran }
