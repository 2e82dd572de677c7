package anorbank

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"slices"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// Service implements core.Persistent (-state-file). Every money move
// (core.Cards Debit, Credit, Reserve, Release, Capture) runs under s.mu, so
// a snapshot taken under LockState never sees half an operation.
var _ core.Persistent = (*Service)(nil)

// snapshotVersion is bumped when the snapshot's shape changes.
const snapshotVersion = 1

// maxReplay bounds how far a restore advances a random stream: a larger
// count is a corrupt snapshot, not a long-lived namespace.
const maxReplay = 1 << 31

// countingSource is math/rand's seeded source, counting its draws. The
// position of a seeded stream cannot be saved, but its draw count can: a
// restore replays that many draws and the stream continues where it was,
// so tokens, UUIDs and ext ids never repeat one issued before the restart.
type countingSource struct {
	src   rand.Source64
	draws uint64
}

func newCountingSource(seed int64) *countingSource {
	return &countingSource{src: rand.NewSource(seed).(rand.Source64)}
}

func (c *countingSource) Int63() int64    { c.draws++; return c.src.Int63() }
func (c *countingSource) Uint64() uint64  { c.draws++; return c.src.Uint64() }
func (c *countingSource) Seed(seed int64) { c.src.Seed(seed); c.draws = 0 }

// The snapshot: every mutable piece of a Service. Scenario-derived
// configuration (settings, agents, recipients, the agent's requisites) is
// not in it: New rebuilds it. byTranID is rebuilt from the bills. Maps are
// written as slices sorted by key so that the same state is the same bytes.
type snapshot struct {
	Version      int         `json:"version"`
	Deposit      core.Tiyin  `json:"deposit"` // tiyin
	NextBill     int64       `json:"next_bill"`
	NextBind     int64       `json:"next_bind"`
	NextExt      int64       `json:"next_ext"`
	FakerDraws   uint64      `json:"faker_draws"` // draws from the id/token stream
	OTPCodes     uint64      `json:"otp_codes"`   // codes drawn from the OTP generator
	Access       []tokenSnap `json:"access_tokens"`
	Refresh      []tokenSnap `json:"refresh_tokens"`
	Bills        []billSnap  `json:"bills"`
	BindRequests []bindSnap  `json:"bind_requests"`
	Bound        []boundSnap `json:"bound_cards"`
	ExtPays      []extSnap   `json:"ext_payments"`
	SMSPerDay    []smsSnap   `json:"sms_per_day"`
}

type tokenSnap struct {
	Token   string    `json:"token"`
	Agent   string    `json:"agent"`
	Expires time.Time `json:"expires"`
	Used    bool      `json:"used,omitempty"` // refresh tokens: rotated away
}

// challengeSnap is an OTP challenge in the state file.
type challengeSnap = otp.State

type billSnap struct {
	ID            BillID         `json:"id"`
	AgentTranID   string         `json:"agent_tran_id"`
	Account       string         `json:"account"`
	RecipientID   int64          `json:"recipient_id"`
	RecipientName string         `json:"recipient_name"`
	Billing       string         `json:"billing"`
	PAN           core.PAN       `json:"pan"`
	Phone         string         `json:"phone"`
	Currency      int            `json:"currency"`
	State         BillState      `json:"state"`
	Success       bool           `json:"success"`
	Amount        core.Tiyin     `json:"amount"`
	Held          core.Tiyin     `json:"held"`
	Original      core.Tiyin     `json:"original"`
	ToppedUp      core.Tiyin     `json:"topped_up"`
	Settled       core.Tiyin     `json:"settled"`
	Challenge     *challengeSnap `json:"challenge,omitempty"`
	ReverseAt     *time.Time     `json:"reverse_at,omitempty"` // pending refund (billing error will reverse)
	RequestTime   time.Time      `json:"request_time"`
	ResponseTime  time.Time      `json:"response_time"`
	LeftSeconds   int64          `json:"left_seconds"`
	Partial       bool           `json:"partial"`
}

type bindSnap struct {
	ID        int64         `json:"id"`
	Agent     string        `json:"agent"`
	PAN       core.PAN      `json:"pan"`
	Challenge challengeSnap `json:"challenge"`
	Bound     bool          `json:"bound"`
}

type boundSnap struct {
	Agent string          `json:"agent"`
	Cards []boundCardSnap `json:"cards"` // in binding order
}

type boundCardSnap struct {
	PAN   core.PAN `json:"pan"`
	Token string   `json:"token"`
}

type extSnap struct {
	AgentTranID string     `json:"agent_tran_id"`
	Amount      core.Tiyin `json:"amount"`
	PAN         core.PAN   `json:"pan"`
	BmID        int64      `json:"bm_id"`
	SenderExtID string     `json:"sender_ext_id"`
	RecvExtID   string     `json:"recv_ext_id"`
}

type smsSnap struct {
	PAN   core.PAN `json:"pan"`
	Day   string   `json:"day"` // YYYY-MM-DD, sandbox clock
	Count int      `json:"count"`
}

// LockState takes the mutex every operation holds.
func (s *Service) LockState() { s.mu.Lock() }

// UnlockState releases it.
func (s *Service) UnlockState() { s.mu.Unlock() }

// SnapshotLocked writes the state as JSON; the caller holds LockState.
// Times are RFC 3339 (UTC), money integer tiyin.
func (s *Service) SnapshotLocked() ([]byte, error) {
	snap := snapshot{
		Version: snapshotVersion, Deposit: s.deposit,
		NextBill: s.nextBill, NextBind: s.nextBind, NextExt: s.nextExt,
		FakerDraws: s.fakeSrc.draws, OTPCodes: s.otpCodes,
		Access: []tokenSnap{}, Refresh: []tokenSnap{}, Bills: []billSnap{}, BindRequests: []bindSnap{},
		Bound: []boundSnap{}, ExtPays: []extSnap{}, SMSPerDay: []smsSnap{},
	}
	for tok, t := range s.access {
		snap.Access = append(snap.Access, tokenSnap{Token: tok, Agent: t.agent, Expires: t.expires.UTC()})
	}
	slices.SortFunc(snap.Access, func(a, b tokenSnap) int { return cmp.Compare(a.Token, b.Token) })
	for tok, t := range s.refresh {
		snap.Refresh = append(snap.Refresh, tokenSnap{Token: tok, Agent: t.agent, Expires: t.expires.UTC(), Used: t.used})
	}
	slices.SortFunc(snap.Refresh, func(a, b tokenSnap) int { return cmp.Compare(a.Token, b.Token) })
	for _, b := range s.bills {
		bs := billSnap{
			ID: b.ID, AgentTranID: b.AgentTranID, Account: b.Account, RecipientID: b.RecipientID,
			RecipientName: b.RecipientName, Billing: b.Billing, PAN: b.PAN, Phone: b.Phone,
			Currency: b.Currency, State: b.State, Success: b.Success,
			Amount: b.Amount, Held: b.Held, Original: b.Original, ToppedUp: b.ToppedUp, Settled: b.Settled,
			RequestTime: b.RequestTime.UTC(), ResponseTime: b.ResponseTime.UTC(),
			LeftSeconds: b.LeftSeconds, Partial: b.Partial,
		}
		if b.challenge != nil {
			cs := s.challengeSnapshot(b.challenge)
			bs.Challenge = &cs
		}
		if !b.reverseAt.IsZero() {
			at := b.reverseAt.UTC()
			bs.ReverseAt = &at
		}
		snap.Bills = append(snap.Bills, bs)
	}
	slices.SortFunc(snap.Bills, func(a, b billSnap) int { return cmp.Compare(a.ID, b.ID) })
	for _, r := range s.bindReqs {
		snap.BindRequests = append(snap.BindRequests, bindSnap{
			ID: r.id, Agent: r.agent, PAN: r.pan, Challenge: s.challengeSnapshot(r.challenge), Bound: r.bound,
		})
	}
	slices.SortFunc(snap.BindRequests, func(a, b bindSnap) int { return cmp.Compare(a.ID, b.ID) })
	for agent, cards := range s.bound {
		bs := boundSnap{Agent: agent, Cards: make([]boundCardSnap, 0, len(cards))}
		for _, c := range cards {
			bs.Cards = append(bs.Cards, boundCardSnap{PAN: c.pan, Token: c.token})
		}
		snap.Bound = append(snap.Bound, bs)
	}
	slices.SortFunc(snap.Bound, func(a, b boundSnap) int { return cmp.Compare(a.Agent, b.Agent) })
	for _, r := range s.extPays {
		snap.ExtPays = append(snap.ExtPays, extSnap{
			AgentTranID: r.AgentTranID, Amount: r.Amount, PAN: r.PAN, BmID: r.BmID,
			SenderExtID: r.SenderExtID, RecvExtID: r.RecvExtID,
		})
	}
	slices.SortFunc(snap.ExtPays, func(a, b extSnap) int { return cmp.Compare(a.AgentTranID, b.AgentTranID) })
	for k, n := range s.smsDay {
		snap.SMSPerDay = append(snap.SMSPerDay, smsSnap{PAN: k.pan, Day: k.day, Count: n})
	}
	slices.SortFunc(snap.SMSPerDay, func(a, b smsSnap) int {
		return cmp.Or(cmp.Compare(a.PAN, b.PAN), cmp.Compare(a.Day, b.Day))
	})
	return json.Marshal(snap)
}

func (s *Service) challengeSnapshot(c *otp.Challenge) challengeSnap {
	st := c.State()
	st.Issued = st.Issued.UTC()
	return st
}

// Restore loads a snapshot into a freshly built Service (same scenario,
// same env). It is all or nothing: on any error the Service is unchanged.
func (s *Service) Restore(data []byte) error {
	var snap snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&snap); err != nil {
		return fmt.Errorf("anorbank snapshot: %w", err)
	}
	if dec.More() {
		return errors.New("anorbank snapshot: trailing data")
	}
	if snap.Version != snapshotVersion {
		return fmt.Errorf("anorbank snapshot: version %d, want %d", snap.Version, snapshotVersion)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.decodeLocked(&snap)
	if err != nil {
		return fmt.Errorf("anorbank snapshot: %w", err)
	}
	// Everything checked: resume the random streams, then swap the state in.
	for s.fakeSrc.draws < snap.FakerDraws {
		s.fakeSrc.Uint64()
	}
	for ; s.otpCodes < snap.OTPCodes; s.otpCodes++ {
		s.otpGen.Code(s.otpSet)
	}
	s.deposit = snap.Deposit
	s.nextBill, s.nextBind, s.nextExt = snap.NextBill, snap.NextBind, snap.NextExt
	s.access, s.refresh = st.access, st.refresh
	s.bills, s.byTranID = st.bills, st.byTranID
	s.bindReqs, s.bound = st.bindReqs, st.bound
	s.extPays, s.smsDay = st.extPays, st.smsDay
	return nil
}

// restored is a decoded snapshot, not yet installed.
type restored struct {
	access   map[string]*accessToken
	refresh  map[string]*refreshToken
	bills    map[BillID]*Bill
	byTranID map[string]BillID
	bindReqs map[int64]*bindRequest
	bound    map[string][]*boundCard
	extPays  map[string]ExtPayResult
	smsDay   map[smsKey]int
}

// decodeLocked checks snap and builds the state it describes, touching
// nothing of s but reading its configuration.
func (s *Service) decodeLocked(snap *snapshot) (*restored, error) {
	if snap.FakerDraws < s.fakeSrc.draws || snap.FakerDraws-s.fakeSrc.draws > maxReplay {
		return nil, fmt.Errorf("faker_draws %d: this service has drawn %d", snap.FakerDraws, s.fakeSrc.draws)
	}
	if snap.OTPCodes < s.otpCodes || snap.OTPCodes-s.otpCodes > maxReplay {
		return nil, fmt.Errorf("otp_codes %d: this service has drawn %d", snap.OTPCodes, s.otpCodes)
	}
	if snap.Deposit < 0 {
		return nil, fmt.Errorf("deposit %d < 0", snap.Deposit)
	}
	st := &restored{
		access: map[string]*accessToken{}, refresh: map[string]*refreshToken{},
		bills: map[BillID]*Bill{}, byTranID: map[string]BillID{},
		bindReqs: map[int64]*bindRequest{}, bound: map[string][]*boundCard{},
		extPays: map[string]ExtPayResult{}, smsDay: map[smsKey]int{},
	}
	for _, t := range snap.Access {
		if t.Token == "" || st.access[t.Token] != nil {
			return nil, fmt.Errorf("access token %q: empty or repeated", t.Token)
		}
		st.access[t.Token] = &accessToken{agent: t.Agent, expires: t.Expires}
	}
	for _, t := range snap.Refresh {
		if t.Token == "" || st.refresh[t.Token] != nil {
			return nil, fmt.Errorf("refresh token %q: empty or repeated", t.Token)
		}
		st.refresh[t.Token] = &refreshToken{agent: t.Agent, expires: t.Expires, used: t.Used}
	}
	for _, bs := range snap.Bills {
		b, err := s.decodeBill(bs, snap.NextBill)
		if err != nil {
			return nil, fmt.Errorf("bill %d: %w", bs.ID, err)
		}
		if st.bills[b.ID] != nil {
			return nil, fmt.Errorf("bill %d: repeated", b.ID)
		}
		if _, dup := st.byTranID[b.AgentTranID]; dup {
			return nil, fmt.Errorf("bill %d: agentTranId %q repeated", b.ID, b.AgentTranID)
		}
		st.bills[b.ID] = b
		st.byTranID[b.AgentTranID] = b.ID
	}
	for _, r := range snap.BindRequests {
		if r.ID <= 0 || r.ID > snap.NextBind || st.bindReqs[r.ID] != nil {
			return nil, fmt.Errorf("send-otp %d: out of range (next %d) or repeated", r.ID, snap.NextBind)
		}
		ch, err := s.restoreChallenge(r.Challenge)
		if err != nil {
			return nil, fmt.Errorf("send-otp %d: %w", r.ID, err)
		}
		st.bindReqs[r.ID] = &bindRequest{id: r.ID, agent: r.Agent, pan: r.PAN, challenge: ch, bound: r.Bound}
	}
	for _, bs := range snap.Bound {
		if _, dup := st.bound[bs.Agent]; dup {
			return nil, fmt.Errorf("bound cards of %q: repeated", bs.Agent)
		}
		cards := make([]*boundCard, 0, len(bs.Cards))
		for _, c := range bs.Cards {
			if c.PAN == "" || c.Token == "" {
				return nil, fmt.Errorf("bound card of %q: empty pan or token", bs.Agent)
			}
			cards = append(cards, &boundCard{pan: c.PAN, token: c.Token})
		}
		st.bound[bs.Agent] = cards
	}
	for _, r := range snap.ExtPays {
		if r.AgentTranID == "" || r.Amount <= 0 || r.BmID <= 0 || r.BmID > snap.NextExt {
			return nil, fmt.Errorf("ext payment %q: bad id, amount or bmId (next %d)", r.AgentTranID, snap.NextExt)
		}
		if _, dup := st.extPays[r.AgentTranID]; dup {
			return nil, fmt.Errorf("ext payment %q: repeated", r.AgentTranID)
		}
		st.extPays[r.AgentTranID] = ExtPayResult{
			AgentTranID: r.AgentTranID, Amount: r.Amount, PAN: r.PAN, BmID: r.BmID,
			SenderExtID: r.SenderExtID, RecvExtID: r.RecvExtID,
		}
	}
	for _, c := range snap.SMSPerDay {
		if _, err := time.Parse(time.DateOnly, c.Day); err != nil || c.Count < 0 {
			return nil, fmt.Errorf("sms count %s/%s: bad day or count", c.PAN.Masked(), c.Day)
		}
		k := smsKey{c.PAN, c.Day}
		if _, dup := st.smsDay[k]; dup {
			return nil, fmt.Errorf("sms count %s/%s: repeated", c.PAN.Masked(), c.Day)
		}
		st.smsDay[k] = c.Count
	}
	return st, nil
}

func (s *Service) decodeBill(bs billSnap, nextBill int64) (*Bill, error) {
	if bs.ID <= 0 || int64(bs.ID) > nextBill {
		return nil, fmt.Errorf("id out of range (next %d)", nextBill)
	}
	if _, ok := transitions[bs.State]; !ok {
		return nil, fmt.Errorf("state %q", bs.State)
	}
	if bs.AgentTranID == "" || bs.PAN == "" {
		return nil, errors.New("no agentTranId or pan")
	}
	if bs.Amount < 0 || bs.Held < 0 || bs.Original < 0 || bs.ToppedUp < 0 || bs.Settled < 0 {
		return nil, errors.New("negative amount")
	}
	b := &Bill{
		ID: bs.ID, AgentTranID: bs.AgentTranID, Account: bs.Account, RecipientID: bs.RecipientID,
		RecipientName: bs.RecipientName, Billing: bs.Billing, PAN: bs.PAN, Phone: bs.Phone,
		Currency: bs.Currency, State: bs.State, Success: bs.Success,
		Amount: bs.Amount, Held: bs.Held, Original: bs.Original, ToppedUp: bs.ToppedUp, Settled: bs.Settled,
		RequestTime: bs.RequestTime, ResponseTime: bs.ResponseTime,
		LeftSeconds: bs.LeftSeconds, Partial: bs.Partial,
	}
	if bs.Challenge != nil {
		ch, err := s.restoreChallenge(*bs.Challenge)
		if err != nil {
			return nil, err
		}
		b.challenge = ch
	}
	if bs.ReverseAt != nil {
		b.reverseAt = *bs.ReverseAt
	}
	return b, nil
}

// restoreChallenge rebuilds a challenge from its state, after checking it
// could have come from this scenario's OTP settings.
func (s *Service) restoreChallenge(cs challengeSnap) (*otp.Challenge, error) {
	if cs.Code == "" || cs.Attempts < 0 || cs.ResendsLeft < 0 || cs.ResendsLeft > s.otpSet.Resends {
		return nil, fmt.Errorf("challenge: empty code or tries/resends out of range (%d, %d)", cs.Attempts, cs.ResendsLeft)
	}
	if !cs.Done && cs.Attempts >= s.otpSet.MaxAttempts {
		return nil, fmt.Errorf("challenge: %d tries cannot be pending (max %d)", cs.Attempts, s.otpSet.MaxAttempts)
	}
	return otp.Restore(s.otpSet, cs), nil
}
