package aloqa

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
)

// Service implements core.Persistent (-state-file). What is saved is the
// mutable state only: the transactionId counter, bindings with their SMS
// challenges, card tokens, debits and holds, P2P transfers, the monitoring
// history, which debit each card awaits, the SMS sent per card and day, the
// merchant settlements and P2P fees, and how far the two seeded streams
// (ids and references, OTP codes) have been drawn. Credentials, merchants,
// terminals, fee rates, limits and OTP settings come from the scenario and
// are rebuilt by New. Every operation that moves money on env.Cards
// (debit, hold, charge, cancel, reverse, P2P) runs under s.mu, so a
// snapshot taken under LockState never sees half an operation.
var _ core.Persistent = (*Service)(nil)

// snapshotVersion is bumped when the snapshot's shape changes incompatibly.
const snapshotVersion = 1

// Replay bounds, so a corrupt file cannot stall the start.
const (
	maxFakerSteps = 1 << 30 // source steps of the id/reference stream
	maxOTPCodes   = 1 << 26 // codes of the OTP stream
)

type snapshot struct {
	Version    int                   `json:"version"`
	NextID     TxID                  `json:"last_transaction_id"` // the latest transactionId issued (or the counter's start)
	FakerSteps int64                 `json:"id_stream_steps"`     // steps drawn from the id/reference stream since New
	OTPCodes   int64                 `json:"otp_codes_drawn"`     // codes drawn from the OTP stream since New
	Bindings   []bindingSnap         `json:"bindings"`            // by transactionId
	Tokens     []tokenSnap           `json:"tokens"`              // by token
	Debits     []debitSnap           `json:"debits"`              // by transactionId
	Transfers  []transferSnap        `json:"transfers"`           // by transactionId
	Entries    []entrySnap           `json:"monitoring"`          // oldest first
	Awaiting   []awaitingSnap        `json:"awaiting"`            // by pan
	SMSSent    []smsSentSnap         `json:"sms_sent"`            // by pan, then day
	Settled    map[string]core.Tiyin `json:"merchant_settled_tiyin"`
	Fees       core.Tiyin            `json:"fees_tiyin"`
}

// challengeSnap is an SMS code challenge (otp.State, times as text).
type challengeSnap struct {
	Code        string `json:"code"`
	IssuedAt    string `json:"issued_at"` // RFC 3339
	Attempts    int    `json:"attempts"`  // wrong tries on the current code
	ResendsLeft int    `json:"resends_left"`
	Done        bool   `json:"done"` // used or dead
}

type bindingSnap struct {
	ID    TxID          `json:"transaction_id"`
	PAN   core.PAN      `json:"pan"`
	Lang  Lang          `json:"lang"`
	OTP   challengeSnap `json:"otp"`
	Token CardToken     `json:"token,omitempty"` // set once confirmed
}

type tokenSnap struct {
	Token    CardToken `json:"token"`
	PAN      core.PAN  `json:"pan"`
	IssuedAt string    `json:"issued_at"` // RFC 3339, whole seconds
}

type refsSnap struct {
	Ext        string `json:"ext,omitempty"`
	RefNum     string `json:"ref_num,omitempty"`
	PaymentID  string `json:"payment_id,omitempty"`
	PaymentRef string `json:"payment_ref,omitempty"`
	AuthRefNum string `json:"auth_ref_num,omitempty"`
	AprCode    string `json:"apr_code,omitempty"`
}

type debitSnap struct {
	ID       TxID           `json:"transaction_id"`
	PAN      core.PAN       `json:"pan"`
	Vendor   string         `json:"vendor"`
	Phone    string         `json:"phone"`
	Amount   core.Tiyin     `json:"amount_tiyin"`
	Merchant string         `json:"merchant_id"`
	Terminal string         `json:"terminal_id"`
	Hold     bool           `json:"is_hold"`
	State    DebitState     `json:"state"`
	Refs     refsSnap       `json:"refs"`
	OTP      *challengeSnap `json:"otp,omitempty"` // SMS-confirmed debits only
	Lang     Lang           `json:"lang,omitempty"`
}

type transferSnap struct {
	ID       TxID           `json:"transaction_id"`
	Route    Route          `json:"route"`
	From     core.PAN       `json:"from"`
	To       core.PAN       `json:"to"`
	Phone    string         `json:"phone"`
	Amount   core.Tiyin     `json:"amount_tiyin"`
	Fee      core.Tiyin     `json:"fee_tiyin"`
	Merchant string         `json:"merchant_id"`
	Terminal string         `json:"terminal_id"`
	State    TransferState  `json:"state"`
	Refs     refsSnap       `json:"refs"`
	OTP      *challengeSnap `json:"otp,omitempty"` // SMS-confirmed transfers only
	Lang     Lang           `json:"lang,omitempty"`
}

type entrySnap struct {
	ID           string     `json:"id"`
	PAN          core.PAN   `json:"pan"`
	Vendor       string     `json:"vendor"`
	Currency     int        `json:"currency"`
	At           string     `json:"at"` // RFC 3339
	Type         string     `json:"type"`
	Amount       core.Tiyin `json:"amount_tiyin"`
	Reversal     bool       `json:"reversal"`
	Credit       bool       `json:"credit"`
	Merchant     string     `json:"merchant_id"`
	Terminal     string     `json:"terminal_id"`
	Description  string     `json:"description"`
	MerchantName string     `json:"merchant_name"`
	Refs         refsSnap   `json:"refs"`
}

type awaitingSnap struct {
	PAN core.PAN `json:"pan"`
	ID  TxID     `json:"transaction_id"`
}

type smsSentSnap struct {
	PAN   core.PAN `json:"pan"`
	Day   string   `json:"day"` // YYYY-MM-DD, Tashkent
	Count int      `json:"count"`
}

// LockState takes the mutex every operation holds.
func (s *Service) LockState() { s.mu.Lock() }

// UnlockState releases LockState.
func (s *Service) UnlockState() { s.mu.Unlock() }

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func parseTime(what, v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s: %q is not RFC 3339", what, v)
	}
	return t, nil
}

func (s *Service) challengeSnapOf(c *otp.Challenge) challengeSnap {
	st := c.State()
	return challengeSnap{Code: st.Code, IssuedAt: formatTime(st.Issued), Attempts: st.Attempts, ResendsLeft: st.ResendsLeft, Done: st.Done}
}

func refsSnapOf(r Refs) refsSnap {
	return refsSnap{Ext: r.Ext, RefNum: r.RefNum, PaymentID: r.PaymentID, PaymentRef: r.PaymentRef,
		AuthRefNum: r.AuthRefNum, AprCode: r.AprCode}
}

func (r refsSnap) refs() Refs {
	return Refs{Ext: r.Ext, RefNum: r.RefNum, PaymentID: r.PaymentID, PaymentRef: r.PaymentRef,
		AuthRefNum: r.AuthRefNum, AprCode: r.AprCode}
}

// SnapshotLocked returns the mutable state as JSON; s.mu must be held. It
// changes nothing, and its output is canonical (everything sorted), so a
// snapshot of a restored domain is byte-identical to the one it came from.
func (s *Service) SnapshotLocked() ([]byte, error) {
	sn := snapshot{
		Version:    snapshotVersion,
		NextID:     s.nextID,
		FakerSteps: s.fakerSrc.drawn(),
		OTPCodes:   s.otpCodes,
		Bindings:   make([]bindingSnap, 0, len(s.bindings)),
		Tokens:     make([]tokenSnap, 0, len(s.tokens)),
		Debits:     make([]debitSnap, 0, len(s.debits)),
		Transfers:  make([]transferSnap, 0, len(s.transfers)),
		Entries:    make([]entrySnap, 0, len(s.entries)),
		Awaiting:   make([]awaitingSnap, 0, len(s.awaiting)),
		SMSSent:    make([]smsSentSnap, 0, len(s.smsSent)),
		Settled:    make(map[string]core.Tiyin, len(s.settled)),
		Fees:       s.fees,
	}
	for id, b := range s.bindings {
		sn.Bindings = append(sn.Bindings, bindingSnap{ID: id, PAN: b.pan, Lang: b.lang, OTP: s.challengeSnapOf(b.ch), Token: b.token})
	}
	slices.SortFunc(sn.Bindings, func(a, b bindingSnap) int { return cmp.Compare(a.ID, b.ID) })
	for tok, t := range s.tokens {
		sn.Tokens = append(sn.Tokens, tokenSnap{Token: tok, PAN: t.pan, IssuedAt: formatTime(time.Unix(t.issued, 0))})
	}
	slices.SortFunc(sn.Tokens, func(a, b tokenSnap) int { return cmp.Compare(a.Token, b.Token) })
	for _, d := range s.debits {
		ds := debitSnap{ID: d.ID, PAN: d.PAN, Vendor: d.Vendor, Phone: d.Phone, Amount: d.Amount,
			Merchant: d.Merchant, Terminal: d.Terminal, Hold: d.Hold, State: d.State, Refs: refsSnapOf(d.Refs), Lang: d.lang}
		if d.ch != nil {
			c := s.challengeSnapOf(d.ch)
			ds.OTP = &c
		}
		sn.Debits = append(sn.Debits, ds)
	}
	slices.SortFunc(sn.Debits, func(a, b debitSnap) int { return cmp.Compare(a.ID, b.ID) })
	for _, t := range s.transfers {
		ts := transferSnap{ID: t.ID, Route: t.Route, From: t.From, To: t.To, Phone: t.Phone, Amount: t.Amount, Fee: t.Fee,
			Merchant: t.Merchant, Terminal: t.Terminal, State: t.State, Refs: refsSnapOf(t.Refs), Lang: t.lang}
		if t.ch != nil {
			c := s.challengeSnapOf(t.ch)
			ts.OTP = &c
		}
		sn.Transfers = append(sn.Transfers, ts)
	}
	slices.SortFunc(sn.Transfers, func(a, b transferSnap) int { return cmp.Compare(a.ID, b.ID) })
	for _, e := range s.entries {
		sn.Entries = append(sn.Entries, entrySnap{ID: e.ID, PAN: e.PAN, Vendor: e.Vendor, Currency: e.Currency,
			At: formatTime(e.At), Type: e.Type, Amount: e.Amount, Reversal: e.Reversal, Credit: e.Credit,
			Merchant: e.Merchant, Terminal: e.Terminal, Description: e.Description, MerchantName: e.MerchantNm,
			Refs: refsSnapOf(e.Refs)})
	}
	for pan, d := range s.awaiting {
		sn.Awaiting = append(sn.Awaiting, awaitingSnap{PAN: pan, ID: d.ID})
	}
	slices.SortFunc(sn.Awaiting, func(a, b awaitingSnap) int { return cmp.Compare(a.PAN, b.PAN) })
	for k, n := range s.smsSent {
		sn.SMSSent = append(sn.SMSSent, smsSentSnap{PAN: k.pan, Day: k.day, Count: n})
	}
	slices.SortFunc(sn.SMSSent, func(a, b smsSentSnap) int {
		return cmp.Or(cmp.Compare(a.PAN, b.PAN), cmp.Compare(a.Day, b.Day))
	})
	for merchant, v := range s.settled {
		sn.Settled[merchant] = v
	}
	return json.Marshal(sn)
}

// restored is a decoded and checked snapshot, ready to be swapped in.
type restored struct {
	bindings  map[TxID]*binding
	tokens    map[CardToken]*tokenRecord
	debits    map[TxID]*Debit
	transfers map[TxID]*Transfer
	entries   []*Entry
	entryByID map[string]*Entry
	entryPAN  map[core.PAN][]*Entry
	awaiting  map[core.PAN]*Debit
	smsSent   map[smsDay]int
	settled   map[string]core.Tiyin
}

// Restore loads a snapshot into a domain built by New from the same scenario
// and env. Everything is decoded and checked before anything is replaced, so
// a bad snapshot returns an error and leaves the domain as it was. The two
// seeded streams are rebuilt from the namespace seed and advanced as far as
// the snapshot says, so ids, references and OTP codes continue exactly where
// the saved domain stopped.
func (s *Service) Restore(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var sn snapshot
	if err := dec.Decode(&sn); err != nil {
		return fmt.Errorf("aloqa snapshot: %w", err)
	}
	if dec.More() {
		return errors.New("aloqa snapshot: trailing data")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, err := s.decodeLocked(&sn)
	if err != nil {
		return fmt.Errorf("aloqa snapshot: %w", err)
	}
	src := newCountingSource(fakerSeed(s.env.Seed))
	src.advance(sn.FakerSteps)
	gen := otp.NewGenerator(otpSeed(s.env.Seed))
	for range sn.OTPCodes {
		gen.Code(s.otpSet)
	}

	s.nextID = sn.NextID
	s.fakerSrc, s.faker = src, gofakeit.NewCustom(src)
	s.gen, s.otpCodes = gen, sn.OTPCodes
	s.bindings, s.tokens, s.debits, s.transfers = r.bindings, r.tokens, r.debits, r.transfers
	s.entries, s.entryByID, s.entryPAN = r.entries, r.entryByID, r.entryPAN
	s.awaiting, s.smsSent, s.settled, s.fees = r.awaiting, r.smsSent, r.settled, sn.Fees
	return nil
}

// decodeLocked checks a snapshot and builds the state it describes; it
// changes nothing on s.
func (s *Service) decodeLocked(sn *snapshot) (*restored, error) {
	switch {
	case sn.Version != snapshotVersion:
		return nil, fmt.Errorf("version %d, want %d", sn.Version, snapshotVersion)
	case sn.FakerSteps < 0 || sn.FakerSteps > maxFakerSteps:
		return nil, fmt.Errorf("id_stream_steps %d out of range", sn.FakerSteps)
	case sn.OTPCodes < 0 || sn.OTPCodes > maxOTPCodes:
		return nil, fmt.Errorf("otp_codes_drawn %d out of range", sn.OTPCodes)
	case sn.Fees < 0:
		return nil, fmt.Errorf("negative fees %d", sn.Fees)
	}
	r := &restored{
		bindings:  make(map[TxID]*binding, len(sn.Bindings)),
		tokens:    make(map[CardToken]*tokenRecord, len(sn.Tokens)),
		debits:    make(map[TxID]*Debit, len(sn.Debits)),
		transfers: make(map[TxID]*Transfer, len(sn.Transfers)),
		entryByID: make(map[string]*Entry, len(sn.Entries)),
		entryPAN:  map[core.PAN][]*Entry{},
		awaiting:  make(map[core.PAN]*Debit, len(sn.Awaiting)),
		smsSent:   make(map[smsDay]int, len(sn.SMSSent)),
		settled:   make(map[string]core.Tiyin, len(sn.Settled)),
	}
	used := map[TxID]bool{} // bindings, debits and transfers share one sequence
	takeID := func(what string, id TxID) error {
		switch {
		case id <= 0 || id > sn.NextID:
			return fmt.Errorf("%s %d outside the counter (last %d)", what, id, sn.NextID)
		case used[id]:
			return fmt.Errorf("transactionId %d used twice", id)
		}
		used[id] = true
		return nil
	}
	for _, ts := range sn.Tokens {
		if ts.Token == "" || ts.PAN == "" {
			return nil, errors.New("token without token or pan")
		}
		if r.tokens[ts.Token] != nil {
			return nil, fmt.Errorf("token %s twice", ts.Token)
		}
		at, err := parseTime("token "+string(ts.Token), ts.IssuedAt)
		if err != nil {
			return nil, err
		}
		r.tokens[ts.Token] = &tokenRecord{pan: ts.PAN, issued: at.Unix()}
	}
	for _, bs := range sn.Bindings {
		if err := takeID("binding", bs.ID); err != nil {
			return nil, err
		}
		if bs.PAN == "" {
			return nil, fmt.Errorf("binding %d: no pan", bs.ID)
		}
		if bs.Token != "" {
			if t := r.tokens[bs.Token]; t == nil || t.pan != bs.PAN {
				return nil, fmt.Errorf("binding %d: token %s is not its card's", bs.ID, bs.Token)
			}
		}
		ch, err := s.challengeFrom(fmt.Sprintf("binding %d", bs.ID), &bs.OTP)
		if err != nil {
			return nil, err
		}
		r.bindings[bs.ID] = &binding{pan: bs.PAN, lang: bs.Lang, ch: ch, token: bs.Token}
	}
	for _, ds := range sn.Debits {
		what := fmt.Sprintf("debit %d", ds.ID)
		if err := takeID("debit", ds.ID); err != nil {
			return nil, err
		}
		if !validDebitState(ds.State) || ds.PAN == "" || ds.Amount <= 0 {
			return nil, fmt.Errorf("%s: bad state, pan or amount", what)
		}
		if ds.State == DebitAwaiting && ds.OTP == nil {
			return nil, fmt.Errorf("%s: awaiting its SMS code without a code", what)
		}
		d := &Debit{ID: ds.ID, PAN: ds.PAN, Vendor: ds.Vendor, Phone: ds.Phone, Amount: ds.Amount,
			Merchant: ds.Merchant, Terminal: ds.Terminal, Hold: ds.Hold, State: ds.State, Refs: ds.Refs.refs(), lang: ds.Lang}
		if ds.OTP != nil {
			ch, err := s.challengeFrom(what, ds.OTP)
			if err != nil {
				return nil, err
			}
			d.ch = ch
		}
		r.debits[d.ID] = d
	}
	for _, ts := range sn.Transfers {
		what := fmt.Sprintf("transfer %d", ts.ID)
		if err := takeID("transfer", ts.ID); err != nil {
			return nil, err
		}
		if !slices.Contains(Routes, ts.Route) || !validTransferState(ts.State) || ts.From == "" || ts.To == "" ||
			ts.Amount <= 0 || ts.Fee < 0 {
			return nil, fmt.Errorf("%s: bad route, state, cards or amounts", what)
		}
		if ts.State == TransferAwaiting && ts.OTP == nil {
			return nil, fmt.Errorf("%s: awaiting its SMS code without a code", what)
		}
		t := &Transfer{ID: ts.ID, Route: ts.Route, From: ts.From, To: ts.To, Phone: ts.Phone, Amount: ts.Amount, Fee: ts.Fee,
			Merchant: ts.Merchant, Terminal: ts.Terminal, State: ts.State, Refs: ts.Refs.refs(), lang: ts.Lang}
		if ts.OTP != nil {
			ch, err := s.challengeFrom(what, ts.OTP)
			if err != nil {
				return nil, err
			}
			t.ch = ch
		}
		r.transfers[t.ID] = t
	}
	for i, es := range sn.Entries {
		if es.ID == "" || es.PAN == "" || es.Type == "" {
			return nil, fmt.Errorf("monitoring entry %d: missing id, pan or type", i)
		}
		if r.entryByID[es.ID] != nil {
			return nil, fmt.Errorf("monitoring entry %s twice", es.ID)
		}
		at, err := parseTime("monitoring entry "+es.ID, es.At)
		if err != nil {
			return nil, err
		}
		e := &Entry{ID: es.ID, PAN: es.PAN, Vendor: es.Vendor, Currency: es.Currency, At: at, Type: es.Type,
			Amount: es.Amount, Reversal: es.Reversal, Credit: es.Credit, Merchant: es.Merchant, Terminal: es.Terminal,
			Description: es.Description, MerchantNm: es.MerchantName, Refs: es.Refs.refs(), seq: i}
		r.entries = append(r.entries, e)
		r.entryByID[e.ID] = e
		r.entryPAN[e.PAN] = append(r.entryPAN[e.PAN], e)
	}
	for _, as := range sn.Awaiting {
		d := r.debits[as.ID]
		if d == nil || d.PAN != as.PAN || d.ch == nil {
			return nil, fmt.Errorf("card awaits debit %d, which is not an SMS debit on that card", as.ID)
		}
		if r.awaiting[as.PAN] != nil {
			return nil, fmt.Errorf("card awaits two debits")
		}
		r.awaiting[as.PAN] = d
	}
	for _, ss := range sn.SMSSent {
		if _, err := time.Parse("2006-01-02", ss.Day); err != nil || ss.PAN == "" || ss.Count <= 0 {
			return nil, fmt.Errorf("sms_sent: bad entry %s/%q/%d", ss.PAN, ss.Day, ss.Count)
		}
		k := smsDay{pan: ss.PAN, day: ss.Day}
		if r.smsSent[k] != 0 {
			return nil, fmt.Errorf("sms_sent: %s on %s twice", ss.PAN, ss.Day)
		}
		r.smsSent[k] = ss.Count
	}
	for merchant, v := range sn.Settled {
		r.settled[merchant] = v
	}
	return r, nil
}

// challengeFrom checks a challenge snapshot against the scenario's OTP
// settings and rebuilds it.
func (s *Service) challengeFrom(what string, cs *challengeSnap) (*otp.Challenge, error) {
	issued, err := parseTime(what+": otp", cs.IssuedAt)
	if err != nil {
		return nil, err
	}
	switch {
	case cs.Code == "":
		return nil, fmt.Errorf("%s: otp without a code", what)
	case cs.ResendsLeft < 0 || cs.ResendsLeft > s.otpSet.Resends:
		return nil, fmt.Errorf("%s: otp resends_left %d outside [0, %d]", what, cs.ResendsLeft, s.otpSet.Resends)
	case cs.Attempts < 0 || cs.Attempts > s.otpSet.MaxAttempts || (!cs.Done && cs.Attempts == s.otpSet.MaxAttempts):
		return nil, fmt.Errorf("%s: otp attempts %d out of range", what, cs.Attempts)
	}
	return otp.Restore(s.otpSet, otp.State{Code: cs.Code, Issued: issued, Attempts: cs.Attempts, ResendsLeft: cs.ResendsLeft, Done: cs.Done}), nil
}

func validDebitState(st DebitState) bool {
	switch st {
	case DebitAwaiting, DebitHeld, DebitDebited, DebitCancelled, DebitReversed, DebitFailed:
		return true
	}
	return false
}

func validTransferState(st TransferState) bool {
	switch st {
	case TransferAwaiting, TransferDone, TransferFailed:
		return true
	}
	return false
}
