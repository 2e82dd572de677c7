package anorbank

import (
	"cmp"
	"slices"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
	"github.com/paysandbox/paysandbox/mockserver/core/sms"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "anorbank"

// Service is one namespace's Anor Bank. One mutex guards its maps; money
// moves go through the shared card ledger, which locks per card. Every
// operation checks everything first under mu, then applies.
type Service struct {
	core.Persisted[state] // LockState, SnapshotLocked over mu and st (persist.go)
	mu                    sync.Mutex
	env                   core.Env
	settings              scenarios.AnorbankSettings
	otpSet                otp.Settings
	agents                map[string]scenarios.AnorbankCredential // by username
	faker                 *gofakeit.Faker                         // draws from st.Faker

	recipients map[int64]scenarios.AnorbankRecipient
	agentInfo  scenarios.AnorbankAgent

	// st is everything that changes: the snapshot is st itself (persist.go).
	st state
	// byTranID is derived from st.Bills (AN-15: agentTranId → its bill),
	// rebuilt on restore.
	byTranID map[string]BillID
	// due is the earliest deadline of a bill (expiry.go); zero: look now.
	due time.Time
	// busy are the bills an operation is running on (Claim).
	busy map[BillID]bool
}

// state is a Service's mutable state, snapshotted as is: a new field here
// (or in Bill, a token, a binding) is persisted by its json tag alone.
// Scenario-derived configuration is not in it: New rebuilds that.
type state struct {
	Deposit  core.Tiyin     `json:"deposit"` // the agent's legal-entity account (ext/agent/pay)
	NextBill int64          `json:"next_bill"`
	NextBind int64          `json:"next_bind"`
	NextExt  int64          `json:"next_ext"`
	NextErr  int64          `json:"next_err"` // ids of nested errors that name no bill (AN-18)
	Faker    *rng.Source    `json:"faker"`    // ids, tokens, ext ids
	OTP      *otp.Generator `json:"otp"`

	Access   map[string]*accessToken  `json:"access_tokens"`  // by token string
	Refresh  map[string]*refreshToken `json:"refresh_tokens"` // by token string
	Bills    map[BillID]*Bill         `json:"bills"`
	BindReqs map[int64]*bindRequest   `json:"bind_requests"` // send-otp ids
	Bound    map[string][]*boundCard  `json:"bound_cards"`   // by agent, in binding order
	ExtPays  map[string]ExtPayResult  `json:"ext_payments"`  // AN-15: agentTranId → first result
	SMSDay   map[string]int           `json:"sms_per_day"`   // "pan day" → SMS sent (limits.daily_sms)
}

// Streams of the namespace seed: one per purpose (core/rng).
const fakerStream = 0x616e6f72 // "anor"

func smsKey(pan core.PAN, now time.Time) string { return string(pan) + " " + core.DayOf(now) }

// New builds the namespace's Anor Bank from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	o := sc.Settings.OTP
	s := &Service{
		env:        env,
		settings:   sc.Settings.Anorbank,
		otpSet:     otp.Settings{Length: o.Length, TTL: o.TTL.D(), MaxAttempts: o.MaxAttempts, Resends: o.Resends, FixedCode: o.FixedCode},
		agents:     map[string]scenarios.AnorbankCredential{},
		recipients: map[int64]scenarios.AnorbankRecipient{},
		agentInfo:  sc.Anorbank.Agent,
		byTranID:   map[string]BillID{},
		busy:       map[BillID]bool{},
		st: state{
			Deposit: core.Tiyin(sc.Anorbank.Agent.Deposit),
			Faker:   rng.New(env.Seed, fakerStream),
			OTP:     otp.NewGenerator(env.Seed),
			Access:  map[string]*accessToken{}, Refresh: map[string]*refreshToken{},
			Bills: map[BillID]*Bill{}, BindReqs: map[int64]*bindRequest{}, Bound: map[string][]*boundCard{},
			ExtPays: map[string]ExtPayResult{}, SMSDay: map[string]int{},
		},
	}
	s.Persisted = core.NewPersisted("anorbank", snapshotVersion, &s.mu, &s.st)
	s.faker = gofakeit.NewCustom(s.st.Faker)
	for _, c := range sc.Credentials.Anorbank {
		s.agents[c.Username] = c
	}
	for _, r := range sc.Anorbank.Recipients {
		s.recipients[r.ID] = r
	}
	// Ids are shaped as documented (SCENARIOS.md §2): bill 9 digits, send-otp 10.
	s.st.NextBill = int64(s.faker.Number(100000000, 500000000))
	s.st.NextBind = int64(s.faker.Number(1000000000, 1900000000))
	s.st.NextExt = int64(s.faker.Number(100000000, 500000000))
	s.st.NextErr = int64(s.faker.Number(500000000, 900000000))
	return s
}

// FreshID is a new 9-digit id for a bmms error that names no bill (AN-18),
// from its own counter: errors do not use up bill numbers.
func (s *Service) FreshID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.NextErr++
	return s.st.NextErr
}

func (s *Service) now() time.Time { return s.env.Clock.Now().UTC() }

// sendCodeLocked texts code to the card's phone, within the card's daily
// SMS limit (magic card 19: daily_sms 0 → `limit exceeded`). The day is
// Tashkent's (core.DayOf), as for every provider.
func (s *Service) sendCodeLocked(card core.Card, code string, now time.Time) {
	s.st.SMSDay[smsKey(card.PAN, now)]++
	s.env.SMS.Send(sms.Message{
		Provider: Provider, Phone: card.Phone, Code: code, SentAt: now,
		Text: "Anorbank: kod " + code + ". Kodni hech kimga bermang.",
	})
}

// smsAllowedLocked reports whether one more SMS may go to the card today.
func (s *Service) smsAllowedLocked(card core.Card, now time.Time) error {
	if card.DailySMS >= 0 && s.st.SMSDay[smsKey(card.PAN, now)] >= card.DailySMS {
		return core.Failf(CodeLimitExceeded, "daily SMS limit %d", card.DailySMS)
	}
	return nil
}

// StateView is what GET /__admin/state/anorbank shows (PANs masked).
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.sweepLocked(now)
	live := 0
	for _, t := range s.st.Access {
		if now.Before(t.Expires) {
			live++
		}
	}
	cards := s.env.Cards.All()
	view := make([]map[string]any, 0, len(cards))
	for _, c := range cards {
		view = append(view, map[string]any{"pan": c.PAN.Masked(), "balance": c.Balance, "held": c.Held, "status": c.Status})
	}
	bills := make([]map[string]any, 0, len(s.st.Bills))
	for _, b := range s.st.Bills {
		bills = append(bills, map[string]any{
			"id": b.ID, "status": b.State, "pan": b.PAN.Masked(), "amount": b.Amount,
			"held": b.Held, "settled": b.Settled, "original_hold": b.Original, "topped_up": b.ToppedUp,
			"recipient": b.RecipientID, "agentTranId": b.AgentTranID,
		})
	}
	slices.SortFunc(bills, func(a, b map[string]any) int { return cmp.Compare(a["id"].(BillID), b["id"].(BillID)) })
	bound := 0
	for _, cs := range s.st.Bound {
		bound += len(cs)
	}
	return map[string]any{
		"agents":        len(s.agents),
		"access_tokens": map[string]int{"issued": len(s.st.Access), "live": live},
		"deposit":       s.st.Deposit,
		"bills":         bills,
		"bound_cards":   bound,
		"ext_payments":  len(s.st.ExtPays),
		"cards":         view,
	}
}
