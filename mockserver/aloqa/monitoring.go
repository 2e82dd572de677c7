package aloqa

import (
	"fmt"
	"sort"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Entry types, as the gateway's `type` codes (the reference shows "205" for
// a purchase; the others are the sandbox's, documented in docs/aloqa.md).
const (
	entryPurchase    = "205" // debit, or a hold's capture (at the capture's time)
	entryReversal    = "206" // reverse of a debit (reversal, credit)
	entryP2PDebit    = "207" // P2P, sender leg (amount + fee)
	entryP2PCredit   = "208" // P2P, recipient leg
	entryHold        = "210" // hold placed: money reserved, not moved
	entryHoldRelease = "211" // hold cancelled or expired (D-18): the reservation ends
)

// moved reports an entry that moved money, which the totals count; a hold
// and its release only reserve it.
func (e *Entry) moved() bool { return e.Type != entryHold && e.Type != entryHoldRelease }

// Entry is one monitoring record (§3.4): every money move on a card.
type Entry struct {
	ID          string     `json:"id"` // 24 hex
	PAN         core.PAN   `json:"pan"`
	Vendor      string     `json:"vendor"`
	Currency    int        `json:"currency"`
	At          time.Time  `json:"at"`
	Type        string     `json:"type"`
	Amount      core.Tiyin `json:"amount_tiyin"`
	Reversal    bool       `json:"reversal"`
	Credit      bool       `json:"credit"`
	Merchant    string     `json:"merchant_id"`
	Terminal    string     `json:"terminal_id"`
	Description string     `json:"description"`
	MerchantNm  string     `json:"merchant_name"`
	Refs        Refs       `json:"refs"`
	seq         int        // position in the history (rebuilt on restore)
}

func (s *Service) addEntryLocked(card core.Card, typ string, amount core.Tiyin, credit, reversal bool, merchant, terminal string, refs Refs) *Entry {
	if refs.RefNum == "" {
		refs = s.refsLocked()
	}
	e := &Entry{
		ID: s.hexIDLocked(), PAN: card.PAN, Vendor: card.Vendor, Currency: card.Currency,
		At: s.now(), Type: typ, Amount: amount, Reversal: reversal, Credit: credit,
		Merchant: merchant, Terminal: terminal, Refs: refs, seq: len(s.st.Entries),
	}
	if e.Currency == 0 {
		e.Currency = 860
	}
	switch typ {
	case entryPurchase:
		e.Description = "Оплата товаров и услуг"
	case entryReversal:
		e.Description = "Возврат платежа"
	case entryHold:
		e.Description = "Блокировка суммы (холд)"
	case entryHoldRelease:
		e.Description = "Снятие блокировки суммы (холд)"
	case entryP2PDebit:
		e.Description = "P2P перевод (списание)"
	default:
		e.Description = "P2P перевод (зачисление)"
	}
	e.MerchantNm = s.merchants[merchant].Name
	if typ == entryP2PDebit || typ == entryP2PCredit {
		e.MerchantNm = "ALOQA P2P"
	}
	for s.entryByID[e.ID] != nil { // a 96-bit clash is unlikely; stay unique anyway
		e.ID = s.hexIDLocked()
	}
	s.st.Entries = append(s.st.Entries, e)
	s.indexEntryLocked(e)
	return e
}

// MonitoringQuery is a cards/monitoring request. Dates are YYYY-MM-DD,
// inclusive, in Tashkent time.
type MonitoringQuery struct {
	Tokens   []CardToken
	From, To string
	Page     int
	Size     int
}

// MonitoringPage is the answer: totals over the whole period, one page of
// entries, newest first.
type MonitoringPage struct {
	TotalDebit  core.Tiyin
	TotalCredit core.Tiyin
	Entries     []Entry
}

// DefaultPageSize applies when size is absent or 0.
const DefaultPageSize = 50

// Monitoring lists the operations of the tokens' cards in [from, to].
func (s *Service) Monitoring(q MonitoringQuery) (MonitoringPage, error) {
	if len(q.Tokens) == 0 || q.Page < 0 || q.Size < 0 {
		return MonitoringPage{}, core.Fail(CodeMissingParams)
	}
	from, err1 := time.ParseInLocation("2006-01-02", q.From, Tashkent)
	to, err2 := time.ParseInLocation("2006-01-02", q.To, Tashkent)
	if err1 != nil || err2 != nil || from.After(to) {
		return MonitoringPage{}, core.Fail(CodeBadPeriod)
	}
	end := to.AddDate(0, 0, 1)
	size := q.Size
	if size == 0 {
		size = DefaultPageSize
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	cards := map[core.PAN]bool{}
	for _, tok := range q.Tokens {
		card, err := s.cardOfTokenLocked(tok)
		if err != nil {
			return MonitoringPage{}, err
		}
		cards[card.PAN] = true
	}
	var out MonitoringPage
	var hits []*Entry
	for pan := range cards {
		for _, e := range s.entryPAN[pan] {
			if e.At.Before(from) || !e.At.Before(end) {
				continue
			}
			hits = append(hits, e)
			if !e.moved() {
				continue
			}
			if e.Credit {
				out.TotalCredit += e.Amount
			} else {
				out.TotalDebit += e.Amount
			}
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].seq > hits[j].seq })
	start := q.Page * size
	for i := start; i < len(hits) && i < start+size; i++ {
		out.Entries = append(out.Entries, *hits[i])
	}
	return out, nil
}

// Entry returns one operation by its _id (-32332 when unknown).
func (s *Service) Entry(id string) (Entry, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expireHoldsLocked()
	e, ok := s.entryByID[id]
	if !ok {
		return Entry{}, core.Fail(CodeDataNotFound)
	}
	return *e, nil
}

// CreatedAt formats a time as the monitoring's createdAt: M/D/YYYY, h:mm:ss AM|PM, Tashkent.
func CreatedAt(t time.Time) string {
	t = t.In(Tashkent)
	return fmt.Sprintf("%d/%d/%d, %s", int(t.Month()), t.Day(), t.Year(), t.Format("3:04:05 PM"))
}
