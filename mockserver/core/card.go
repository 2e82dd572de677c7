package core

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"time"
)

// Card statuses and processing modes, as scenario files spell them.
const (
	CardActive             = "active"
	CardBlocked            = "blocked"
	CardTemporarilyBlocked = "temporarily_blocked"
	CardBlacklisted        = "blacklisted"
	CardPINLocked          = "pin_locked"
	CardAccountBlocked     = "account_blocked"

	ProcessingOK          = "ok"
	ProcessingDecline     = "decline"
	ProcessingError       = "error"
	ProcessingUnavailable = "unavailable"
	ProcessingVendorDown  = "vendor_down"
)

// Vendors (card networks).
const (
	VendorUzcard = "UZCARD"
	VendorHumo   = "HUMO"
)

// Ledger errors; providers map them to their own documented codes.
var (
	ErrCardNotFound      = errors.New("card not found")
	ErrInsufficientFunds = errors.New("insufficient funds")
	ErrHoldExceeded      = errors.New("release or capture above the held amount")
	// ErrOverflow: the card's money (available plus held) would pass what
	// an int64 of tiyin holds; the credit is refused, never wrapped.
	ErrOverflow = errors.New("balance overflow")
	// ErrNegativeAmount: a ledger move is never negative (a bug upstream).
	ErrNegativeAmount = errors.New("negative amount")
)

// YearMonth is a card expiry. A card expires when that month ends in
// Tashkent, whoever asks.
type YearMonth struct{ Year, Month int }

// ExpiredAt reports whether the card has expired at t. The month ends at
// midnight Tashkent time whatever t's location, so every provider agrees.
func (ym YearMonth) ExpiredAt(t time.Time) bool {
	end := time.Date(ym.Year, time.Month(ym.Month)+1, 1, 0, 0, 0, 0, Tashkent)
	return !t.Before(end)
}

// MMYY formats the expiry as Anor Bank and Aloqa cards/add send it.
func (ym YearMonth) MMYY() string { return fmt.Sprintf("%02d%02d", ym.Month, ym.Year%100) }

// YYMM formats the expiry as Aloqa P2P sends it (AQ-2).
func (ym YearMonth) YYMM() string { return fmt.Sprintf("%02d%02d", ym.Year%100, ym.Month) }

// Card is one card in the shared ledger: one PAN, one balance for every
// provider, as in real life.
type Card struct {
	PAN        PAN       `json:"pan"`
	Expiry     YearMonth `json:"expiry"`
	Vendor     string    `json:"vendor"`
	Bank       string    `json:"bank"`
	Holder     string    `json:"holder"`
	Phone      string    `json:"phone"`
	Balance    Tiyin     `json:"balance"` // available
	Held       Tiyin     `json:"held"`    // reserved by holds
	Currency   int       `json:"currency"`
	Status     string    `json:"status"`
	SMS        bool      `json:"sms"`
	Processing string    `json:"processing"`
	Flags      []string  `json:"flags,omitempty"`
	// PerOperation is the largest amount one operation may move; 0 = no limit.
	PerOperation Tiyin `json:"per_operation,omitempty"`
	// DailySMS is how many SMS the card may receive a day; negative = no limit.
	DailySMS int `json:"daily_sms"`
}

// HasFlag reports whether the scenario set flag on the card.
func (c *Card) HasFlag(flag string) bool { return slices.Contains(c.Flags, flag) }

// Total is what the card owner owns: available plus held.
func (c *Card) Total() Tiyin { return c.Balance + c.Held }

type cardSlot struct {
	mu   sync.Mutex
	card Card
}

// Cards is the card ledger of one namespace. The set of cards is fixed when
// the namespace is built; each card has its own lock, and every balance
// change happens under it, atomically. Cards are copied on write (issue 15):
// the seed is shared, read-only, by every namespace built from it, and a
// namespace copies a card the first time it changes it, so a namespace that
// moves no money keeps no cards of its own.
type Cards struct {
	seed *CardSeed
	mu   sync.Mutex // guards own
	own  map[PAN]*cardSlot
}

// CardSeed is the read-only starting state of a ledger, shared by the
// namespaces built from one scenario.
type CardSeed struct {
	byPAN map[PAN]int
	cards []Card
	order []PAN
}

// NewCardSeed copies seed cards into a shared starting state.
func NewCardSeed(seed []Card) *CardSeed {
	cs := &CardSeed{byPAN: make(map[PAN]int, len(seed))}
	for _, card := range seed {
		card.Flags = slices.Clone(card.Flags)
		if i, dup := cs.byPAN[card.PAN]; dup {
			cs.cards[i] = card // as the ledger always did: the last one wins
		} else {
			cs.byPAN[card.PAN] = len(cs.cards)
			cs.cards = append(cs.cards, card)
		}
		cs.order = append(cs.order, card.PAN)
	}
	return cs
}

// NewCards builds a ledger from seed cards (copied).
func NewCards(seed []Card) *Cards { return NewCardsFrom(NewCardSeed(seed)) }

// NewCardsFrom builds a ledger starting from a shared seed.
func NewCardsFrom(seed *CardSeed) *Cards { return &Cards{seed: seed} }

// slot is the namespace's own copy of the card, made on first use; nil
// when the ledger has no such card.
func (c *Cards) slot(pan PAN) *cardSlot {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.own[pan]; ok {
		return s
	}
	i, ok := c.seed.byPAN[pan]
	if !ok {
		return nil
	}
	card := c.seed.cards[i]
	card.Flags = slices.Clone(card.Flags)
	s := &cardSlot{card: card}
	if c.own == nil {
		c.own = map[PAN]*cardSlot{}
	}
	c.own[pan] = s
	return s
}

// Get returns a copy of the card.
func (c *Cards) Get(pan PAN) (Card, bool) {
	c.mu.Lock()
	s, ok := c.own[pan]
	c.mu.Unlock()
	if !ok {
		i, ok := c.seed.byPAN[pan]
		if !ok {
			return Card{}, false
		}
		card := c.seed.cards[i]
		card.Flags = slices.Clone(card.Flags)
		return card, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.card, true
}

// Update runs fn on the card under its lock. If fn returns an error the card
// is left as it was, so an operation applies whole or not at all.
func (c *Cards) Update(pan PAN, fn func(*Card) error) error {
	s := c.slot(pan)
	if s == nil {
		return ErrCardNotFound
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	draft := s.card
	if err := fn(&draft); err != nil {
		return err
	}
	s.card = draft
	return nil
}

// Debit takes amount from the available balance.
func (c *Cards) Debit(pan PAN, amount Tiyin) error {
	return c.Update(pan, func(card *Card) error {
		if amount < 0 {
			return ErrNegativeAmount
		}
		if amount > card.Balance {
			return ErrInsufficientFunds
		}
		card.Balance -= amount
		return nil
	})
}

// Credit adds amount to the available balance.
func (c *Cards) Credit(pan PAN, amount Tiyin) error {
	return c.Update(pan, func(card *Card) error {
		if amount < 0 {
			return ErrNegativeAmount
		}
		if amount > math.MaxInt64-card.Balance-card.Held {
			return ErrOverflow
		}
		card.Balance += amount
		return nil
	})
}

// Reserve moves amount from available to held (a hold).
func (c *Cards) Reserve(pan PAN, amount Tiyin) error {
	return c.Update(pan, func(card *Card) error {
		if amount < 0 {
			return ErrNegativeAmount
		}
		if amount > card.Balance {
			return ErrInsufficientFunds
		}
		card.Balance -= amount
		card.Held += amount
		return nil
	})
}

// Release moves amount from held back to available (a hold reversed).
func (c *Cards) Release(pan PAN, amount Tiyin) error {
	return c.Update(pan, func(card *Card) error {
		if amount > card.Held {
			return ErrHoldExceeded
		}
		card.Held -= amount
		card.Balance += amount
		return nil
	})
}

// Capture takes amount out of held (a hold confirmed): the money leaves.
func (c *Cards) Capture(pan PAN, amount Tiyin) error {
	return c.Update(pan, func(card *Card) error {
		if amount > card.Held {
			return ErrHoldExceeded
		}
		card.Held -= amount
		return nil
	})
}

// All returns copies of every card, in scenario order.
func (c *Cards) All() []Card {
	out := make([]Card, 0, len(c.seed.order))
	for _, pan := range c.seed.order {
		card, _ := c.Get(pan)
		out = append(out, card)
	}
	return out
}

// MarshalText writes the expiry as YYYY-MM (state files, state views).
func (ym YearMonth) MarshalText() ([]byte, error) {
	return fmt.Appendf(nil, "%04d-%02d", ym.Year, ym.Month), nil
}

// UnmarshalText reads YYYY-MM.
func (ym *YearMonth) UnmarshalText(b []byte) error {
	if _, err := fmt.Sscanf(string(b), "%04d-%02d", &ym.Year, &ym.Month); err != nil || ym.Month < 1 || ym.Month > 12 {
		return fmt.Errorf("expiry %q: want YYYY-MM", b)
	}
	return nil
}

// Restore replaces every card's state with saved (cards not in saved keep
// theirs; saved cards unknown here are ignored: the scenario defines the set).
func (c *Cards) Restore(saved []Card) {
	for _, card := range saved {
		if s := c.slot(card.PAN); s != nil {
			s.mu.Lock()
			s.card = card
			s.mu.Unlock()
		}
	}
}
