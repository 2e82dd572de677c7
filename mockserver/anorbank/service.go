package anorbank

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "anorbank"

// Service is one namespace's Anor Bank. One mutex guards its maps; money
// moves go through the shared card ledger, which locks per card. Every
// operation checks everything first under mu, then applies.
type Service struct {
	mu       sync.Mutex
	env      core.Env
	settings scenarios.AnorbankSettings
	otpSet   otp.Settings
	otpGen   *otp.Generator
	agents   map[string]scenarios.AnorbankCredential // by username
	faker    *gofakeit.Faker
	fakeSrc  *countingSource // faker's source: its draw count is persisted
	otpCodes uint64          // codes drawn from otpGen: persisted, replayed on restore

	access  map[string]*accessToken  // by token string
	refresh map[string]*refreshToken // by token string

	recipients map[int64]scenarios.AnorbankRecipient
	deposit    core.Tiyin // the agent's legal-entity account (ext/agent/pay)
	agentInfo  scenarios.AnorbankAgent

	bills    map[BillID]*Bill
	byTranID map[string]BillID // AN-15: agentTranId → its bill
	nextBill int64

	bindReqs map[int64]*bindRequest  // send-otp ids
	bound    map[string][]*boundCard // by agent
	nextBind int64

	extPays map[string]ExtPayResult // AN-15: agentTranId → first result
	nextExt int64

	smsDay map[smsKey]int // SMS per card per sandbox day (limits.daily_sms)
}

type smsKey struct {
	pan core.PAN
	day string
}

// New builds the namespace's Anor Bank from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	o := sc.Settings.OTP
	resends := 1
	if o.Resends != nil {
		resends = *o.Resends
	}
	s := &Service{
		env:        env,
		settings:   sc.Settings.Anorbank,
		otpSet:     otp.Settings{Length: o.Length, TTL: o.TTL.D(), MaxAttempts: o.MaxAttempts, Resends: resends, FixedCode: o.FixedCode},
		otpGen:     otp.NewGenerator(env.Seed ^ 0x6f7470), // "otp"
		agents:     map[string]scenarios.AnorbankCredential{},
		access:     map[string]*accessToken{},
		refresh:    map[string]*refreshToken{},
		recipients: map[int64]scenarios.AnorbankRecipient{},
		deposit:    core.Tiyin(sc.Anorbank.Agent.Deposit),
		agentInfo:  sc.Anorbank.Agent,
		bills:      map[BillID]*Bill{},
		byTranID:   map[string]BillID{},
		bindReqs:   map[int64]*bindRequest{},
		bound:      map[string][]*boundCard{},
		extPays:    map[string]ExtPayResult{},
		smsDay:     map[smsKey]int{},
	}
	// "anor": own stream per provider. The values are gofakeit.New's; the
	// source counts its draws so that a restore can resume the stream.
	s.fakeSrc = newCountingSource(env.Seed ^ 0x616e6f72)
	s.faker = gofakeit.NewCustom(s.fakeSrc)
	for _, c := range sc.Credentials.Anorbank {
		s.agents[c.Username] = c
	}
	for _, r := range sc.Anorbank.Recipients {
		s.recipients[r.ID] = r
	}
	// Ids are shaped as documented (SCENARIOS.md §2): bill 9 digits, send-otp 10.
	s.nextBill = int64(s.faker.Number(100000000, 500000000))
	s.nextBind = int64(s.faker.Number(1000000000, 1900000000))
	s.nextExt = int64(s.faker.Number(100000000, 500000000))
	return s
}

// FreshID is a new 9-digit id for a bmms error that names no bill (AN-18).
func (s *Service) FreshID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextBill++
	return s.nextBill
}

func (s *Service) now() time.Time { return s.env.Clock.Now().UTC() }

// sendCodeLocked texts code to the card's phone, within the card's daily
// SMS limit (magic card 19: daily_sms 0 → `limit exceeded`). The day is
// Tashkent's (core.DayOf), as for every provider.
func (s *Service) sendCodeLocked(card core.Card, code string, now time.Time) {
	s.smsDay[smsKey{card.PAN, core.DayOf(now)}]++
	s.env.SMS.Send(sms.Message{
		Provider: Provider, Phone: card.Phone, Code: code, SentAt: now,
		Text: "Anorbank: kod " + code + ". Kodni hech kimga bermang.",
	})
}

// smsAllowedLocked reports whether one more SMS may go to the card today.
func (s *Service) smsAllowedLocked(card core.Card, now time.Time) error {
	if card.DailySMS >= 0 && s.smsDay[smsKey{card.PAN, core.DayOf(now)}] >= card.DailySMS {
		return core.Failf(CodeLimitExceeded, "daily SMS limit %d", card.DailySMS)
	}
	return nil
}

// StateView is what GET /__admin/state/anorbank shows (PANs masked).
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	live := 0
	for _, t := range s.access {
		if now.Before(t.expires) {
			live++
		}
	}
	cards := s.env.Cards.All()
	view := make([]map[string]any, 0, len(cards))
	for _, c := range cards {
		view = append(view, map[string]any{"pan": c.PAN.Masked(), "balance": c.Balance, "held": c.Held, "status": c.Status})
	}
	bills := make([]map[string]any, 0, len(s.bills))
	for _, b := range s.bills {
		s.settleLocked(b, now)
		bills = append(bills, map[string]any{
			"id": b.ID, "status": b.State, "pan": b.PAN.Masked(), "amount": b.Amount,
			"held": b.Held, "settled": b.Settled, "original_hold": b.Original, "topped_up": b.ToppedUp,
			"recipient": b.RecipientID, "agentTranId": b.AgentTranID,
		})
	}
	slices.SortFunc(bills, func(a, b map[string]any) int { return cmp.Compare(a["id"].(BillID), b["id"].(BillID)) })
	bound := 0
	for _, cs := range s.bound {
		bound += len(cs)
	}
	return map[string]any{
		"agents":        len(s.agents),
		"access_tokens": map[string]int{"issued": len(s.access), "live": live},
		"deposit":       s.deposit,
		"bills":         bills,
		"bound_cards":   bound,
		"ext_payments":  len(s.extPays),
		"cards":         view,
	}
}
