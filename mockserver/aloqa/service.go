package aloqa

import (
	"crypto/subtle"
	"fmt"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/otp"
	"github.com/paysandbox/paysandbox/mockserver/core/rng"
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

// Service is one namespace's AloqaGateway. One mutex guards its state and
// makes each operation atomic (check everything, then apply); money moves
// through the shared card ledger, which other providers lock per card.
type Service struct {
	core.Persisted[state] // LockState, SnapshotLocked over mu and st (persist.go)
	mu                    sync.Mutex
	env                   core.Env
	settings              scenarios.AloqaSettings
	otpSet                otp.Settings
	creds                 map[string]string // username -> password
	terminals             map[string]map[string]bool
	merchants             map[string]scenarios.AloqaMerchant
	feeRates              map[Route]string

	st state // everything that changes, as a snapshot holds it (persist.go)
	// Indexes derived from st.Entries (rebuilt by Restore):
	entryByID map[string]*Entry
	entryPAN  map[core.PAN][]*Entry // per card, oldest first
	// nextHoldExpiry: no hold expires before it (zero: scan at the next touch).
	nextHoldExpiry time.Time
}

// otpSettings are the scenario's OTP settings as loaded: the loader
// applies defaults to keys the file leaves out, and a written zero (ttl:
// 0s, resends: 0) is in force.
func otpSettings(o scenarios.OTPSettings) otp.Settings {
	return otp.Settings{Length: o.Length, TTL: o.TTL.D(), MaxAttempts: o.MaxAttempts, Resends: o.Resends, FixedCode: o.FixedCode}
}

// idStream keeps the ids, tokens and references apart from every other
// stream of the namespace seed ("aloq").
const idStream = 0x616c6f71

// New builds the namespace's AloqaGateway from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	s := &Service{
		env:       env,
		settings:  sc.Settings.Aloqa,
		otpSet:    otpSettings(sc.Settings.OTP),
		creds:     map[string]string{},
		terminals: map[string]map[string]bool{},
		merchants: map[string]scenarios.AloqaMerchant{},
		feeRates:  map[Route]string{},
		st:        newState(rng.New(env.Seed, idStream), otp.NewGenerator(env.Seed)),
		entryByID: map[string]*Entry{},
		entryPAN:  map[core.PAN][]*Entry{},
	}
	s.Persisted = core.NewPersisted("aloqa", snapshotVersion, &s.mu, &s.st)
	s.st.LastID = TxID(2_000_000 + s.st.IDs.Uint64()%1_000_000)
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
	s.st.LastID++
	return s.st.LastID
}

// digitsLocked returns n random digits (no leading zero) from the
// namespace's seeded stream.
func (s *Service) digitsLocked(n int) string {
	d := []byte(s.st.IDs.Digits(n))
	if d[0] == '0' {
		d[0] = '1'
	}
	return string(d)
}

// uuidLocked returns a random (version 4) UUID: a card token.
func (s *Service) uuidLocked() CardToken {
	hi, lo := s.st.IDs.Uint64(), s.st.IDs.Uint64()
	hi = hi&^0xf000 | 0x4000         // version 4
	lo = lo&^(0xc<<60) | (0x8 << 60) // RFC 4122 variant
	return CardToken(fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", hi>>32, hi>>16&0xffff, hi&0xffff, lo>>48, lo&0xffffffffffff))
}

// hexIDLocked returns a 24-hex monitoring _id (Mongo ObjectId style).
func (s *Service) hexIDLocked() string {
	return fmt.Sprintf("%016x%08x", s.st.IDs.Uint64(), uint32(s.st.IDs.Uint64()))
}

// sendCodeLocked "sends" an SMS code to the card's phone in lang, counting
// it against the card's daily SMS limit (checked by the caller).
func (s *Service) sendCodeLocked(card core.Card, code string, lang Lang, purpose string) {
	s.st.SMSSent[s.smsKey(card)]++
	text := "AloqaGateway: tasdiqlash kodi " + code + " (" + purpose + "). Hech kimga aytmang."
	if lang == LangRU {
		text = "AloqaGateway: код подтверждения " + code + " (" + purpose + "). Никому не сообщайте."
	}
	s.env.SMS.Send(smsMessage(card.Phone, text, code, s.now()))
}

// smsAllowedLocked reports whether the card may receive one more SMS today.
func (s *Service) smsAllowedLocked(card core.Card) bool {
	if card.DailySMS < 0 {
		return true
	}
	return s.st.SMSSent[s.smsKey(card)] < card.DailySMS
}

// smsKey counts a card's SMS per day (core.DayOf, Tashkent): "<pan> <YYYY-MM-DD>".
func (s *Service) smsKey(card core.Card) string {
	return string(card.PAN) + " " + core.DayOf(s.now())
}
