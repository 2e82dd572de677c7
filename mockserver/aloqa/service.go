package aloqa

import (
	"crypto/subtle"
	"math/rand"
	"sync"
	"time"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "aloqa"

// TxID is a gateway transactionId (7 digits): bindings, debits and
// transfers share one sequence, as on the real gateway.
type TxID int64

// CardToken is a bound card's token (a UUID).
type CardToken string

// Lang is the language of the SMS texts (AQ-11: uz or ru, default ru).
type Lang string

const (
	LangRU Lang = "ru"
	LangUZ Lang = "uz"
)

// ParseLang reads the `lang` header: anything but uz falls back to ru (AQ-11).
func ParseLang(s string) Lang {
	if s == "uz" || s == "UZ" {
		return LangUZ
	}
	return LangRU
}

// Tashkent is the gateway's local time (monitoring dates): core's zone, the
// one every provider judges cards in.
var Tashkent = core.Tashkent

// Service is one namespace's AloqaGateway. One mutex guards its maps and
// makes each operation atomic (check everything, then apply); money moves
// through the shared card ledger, which other providers lock per card.
type Service struct {
	mu        sync.Mutex
	env       core.Env
	settings  scenarios.AloqaSettings
	otpSet    otp.Settings
	gen       *otp.Generator
	otpCodes  int64 // codes drawn from gen since New (a snapshot replays them)
	faker     *gofakeit.Faker
	fakerSrc  *countingSource   // faker's stream, counted so a snapshot can resume it
	creds     map[string]string // username -> password
	terminals map[string]map[string]bool
	merchants map[string]scenarios.AloqaMerchant
	feeRates  map[Route]string

	nextID    TxID
	bindings  map[TxID]*binding
	tokens    map[CardToken]*tokenRecord
	debits    map[TxID]*Debit
	transfers map[TxID]*Transfer
	entries   []*Entry
	entryByID map[string]*Entry
	entryPAN  map[core.PAN][]*Entry // per card, oldest first
	awaiting  map[core.PAN]*Debit   // the card's latest SMS-confirmed debit (-32364)
	smsSent   map[smsDay]int

	// Ledger of where the money that left the cards went (conservation):
	settled map[string]core.Tiyin // by merchant: debits and charges minus reversals
	fees    core.Tiyin            // P2P commissions
}

type smsDay struct {
	pan core.PAN
	day string
}

// New builds the namespace's AloqaGateway from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	o := sc.Settings.OTP
	resends := 1
	if o.Resends != nil {
		resends = *o.Resends
	}
	src := newCountingSource(fakerSeed(env.Seed))
	faker := gofakeit.NewCustom(src)
	s := &Service{
		env:      env,
		settings: sc.Settings.Aloqa,
		otpSet: otp.Settings{Length: o.Length, TTL: o.TTL.D(), MaxAttempts: o.MaxAttempts,
			Resends: resends, FixedCode: o.FixedCode},
		gen:       otp.NewGenerator(otpSeed(env.Seed)),
		faker:     faker,
		fakerSrc:  src,
		creds:     map[string]string{},
		terminals: map[string]map[string]bool{},
		merchants: map[string]scenarios.AloqaMerchant{},
		feeRates:  map[Route]string{},
		nextID:    TxID(2_000_000 + faker.Number(0, 999_999)),
		bindings:  map[TxID]*binding{},
		tokens:    map[CardToken]*tokenRecord{},
		debits:    map[TxID]*Debit{},
		transfers: map[TxID]*Transfer{},
		entryByID: map[string]*Entry{},
		entryPAN:  map[core.PAN][]*Entry{},
		awaiting:  map[core.PAN]*Debit{},
		smsSent:   map[smsDay]int{},
		settled:   map[string]core.Tiyin{},
	}
	if s.otpSet.MaxAttempts <= 0 {
		s.otpSet.MaxAttempts = 3
	}
	if s.otpSet.TTL <= 0 {
		s.otpSet.TTL = 120 * time.Second
	}
	for _, c := range sc.Credentials.Aloqa {
		s.creds[c.Username] = c.Password
	}
	for _, m := range sc.Aloqa.Merchants {
		s.merchants[m.ID] = m
		s.terminals[m.ID] = map[string]bool{}
		for _, t := range m.Terminals {
			s.terminals[m.ID][t] = true
		}
	}
	f := sc.Aloqa.Fees
	for r, rate := range map[Route]string{Uzcard2Uzcard: f.Uzcard2Uzcard, Uzcard2Humo: f.Uzcard2Humo, Humo2Uzcard: f.Humo2Uzcard, Humo2Humo: f.Humo2Humo} {
		if rate == "" {
			rate = "0"
		}
		s.feeRates[r] = rate
	}
	return s
}

// fakerSeed and otpSeed derive the provider's own streams from the
// namespace seed ("aloq" and "otp").
func fakerSeed(seed int64) int64 { return seed ^ 0x616c6f71 }
func otpSeed(seed int64) int64   { return seed ^ 0x6f7470 }

// countingSource is math/rand's seeded source (the stream gofakeit.New
// would use) that counts its steps: a snapshot saves the count and Restore
// replays it, so ids continue where they stopped instead of starting over.
type countingSource struct {
	mu    sync.Mutex
	src   rand.Source64
	steps int64
}

func newCountingSource(seed int64) *countingSource {
	return &countingSource{src: rand.NewSource(seed).(rand.Source64)}
}

func (c *countingSource) Int63() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.steps++
	return c.src.Int63()
}

func (c *countingSource) Uint64() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.steps++
	return c.src.Uint64()
}

func (c *countingSource) Seed(seed int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.src.Seed(seed)
	c.steps = 0
}

// advance skips n steps (Int63 and Uint64 are one step each).
func (c *countingSource) advance(n int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := int64(0); i < n; i++ {
		c.src.Uint64()
	}
	c.steps += n
}

func (c *countingSource) drawn() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.steps
}

// Authenticate checks HTTP Basic credentials in constant time (AQ-1). An
// unknown user is compared against a dummy so timing does not tell users apart.
func (s *Service) Authenticate(username, password string) bool {
	want, known := s.creds[username] // creds are fixed after New: no lock needed
	if !known {
		want = "\x00not-a-password"
	}
	ok := subtle.ConstantTimeCompare([]byte(want), []byte(password)) == 1
	return ok && known
}

func (s *Service) now() time.Time { return s.env.Clock.Now() }

// newIDLocked returns the next 7-digit transactionId.
func (s *Service) newIDLocked() TxID {
	s.nextID++
	return s.nextID
}

// digits returns n random digits from the namespace's seeded stream.
func (s *Service) digitsLocked(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + s.faker.Number(0, 9))
	}
	if b[0] == '0' {
		b[0] = '1'
	}
	return string(b)
}

// sendCodeLocked "sends" an SMS code to the card's phone in lang, counting
// it against the card's daily SMS limit (checked by the caller).
func (s *Service) sendCodeLocked(card core.Card, code string, lang Lang, purpose string) {
	s.smsSent[smsDay{card.PAN, core.DayOf(s.now())}]++
	text := "AloqaGateway: kod podtverzhdeniya " + code + " (" + purpose + "). Nikomu ne soobshchayte."
	if lang == LangRU {
		text = "AloqaGateway: код подтверждения " + code + " (" + purpose + "). Никому не сообщайте."
	} else {
		text = "AloqaGateway: tasdiqlash kodi " + code + " (" + purpose + "). Hech kimga aytmang."
	}
	s.env.SMS.Send(smsMessage(card.Phone, text, code, s.now()))
}

// smsAllowedLocked reports whether the card may receive one more SMS today.
func (s *Service) smsAllowedLocked(card core.Card) bool {
	if card.DailySMS < 0 {
		return true
	}
	return s.smsSent[smsDay{card.PAN, core.DayOf(s.now())}] < card.DailySMS
}
