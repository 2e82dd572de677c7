package mirror

import (
	"strconv"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/scenarios"
	"github.com/paysandbox/paysandbox/testsuite/profile"
)

// values maps what a provider's live profile names (credentials, cards,
// their expiries and phones, recipients, merchant, vendor, wallets,
// service) onto the default scenario's values for the same role, as text.
// Values equal on both sides, and everything the profile does not name
// (amounts, accounts, order ids), are left as sent.
func values(name string, lp *profile.Provider, sc *scenarios.Scenario) map[string]string {
	m := map[string]string{}
	put := func(live, fake string) {
		if live != "" && fake != "" && live != fake {
			m[live] = fake
		}
	}
	cr := lp.Credentials
	switch name {
	case "anorbank":
		if c := sc.Credentials.Anorbank; len(c) > 0 {
			put(cr.Username, c[0].Username)
			put(cr.Password.Reveal(), c[0].Password)
		}
		for _, r := range sc.Anorbank.Recipients {
			if r.Active == nil || *r.Active {
				put(itoa(lp.RecipientID), itoa(r.ID))
				break
			}
		}
	case "aloqa":
		if c := sc.Credentials.Aloqa; len(c) > 0 {
			put(cr.Username, c[0].Username)
			put(cr.Password.Reveal(), c[0].Password)
		}
		if ms := sc.Aloqa.Merchants; len(ms) > 0 {
			put(lp.MerchantID, ms[0].ID)
			if len(ms[0].Terminals) > 0 {
				put(lp.TerminalID, ms[0].Terminals[0])
			}
		}
	case "paysys":
		if c := sc.Credentials.Paysys; len(c) > 0 {
			put(cr.ServiceID, c[0].ServiceID)
			put(cr.SecretKey.Reveal(), c[0].SecretKey)
		}
		vendor := int64(0)
		for _, v := range sc.Paysys.Vendors {
			if !v.Blocked {
				vendor = v.ID
				put(itoa(lp.VendorID), itoa(v.ID))
				break
			}
		}
		var wallets []string
		for _, w := range sc.Paysys.Wallets {
			if w.VendorID == vendor && len(w.Statuses) == 1 && w.Statuses[0].Status == 2 {
				wallets = append(wallets, w.Account)
			}
		}
		for i, w := range lp.Wallets {
			if i < len(wallets) {
				put(w.Account, wallets[i])
			}
		}
	case "requisites":
		if c := sc.Credentials.Requisites; len(c) > 0 {
			put(cr.Username, c[0].Username)
			put(cr.Password.Reveal(), c[0].Password)
		}
		for _, s := range sc.Requisites.Services {
			if s.Type == "WORKING_WITH_CARD" && (s.Activated == nil || *s.Activated) {
				put(itoa(lp.ServiceID), itoa(s.ID))
				break
			}
		}
	}
	payers, recipients := healthyCards(sc)
	for _, c := range lp.Cards {
		mapCard(put, c, pick(payers, c.PAN))
	}
	for _, c := range lp.Recipients {
		mapCard(put, c, pick(recipients, c.PAN))
	}
	if lp.Card != nil {
		put(lp.Card.Number, pick(payers, lp.Card.Number).PAN)
	}
	return m
}

// healthyCards are the scenario's cards that trigger nothing: on the first
// card's phone (payers) and on any other phone (recipients).
func healthyCards(sc *scenarios.Scenario) (payers, recipients []scenarios.Card) {
	if len(sc.Cards) == 0 {
		return nil, nil
	}
	for _, c := range sc.Cards {
		if !healthy(c) {
			continue
		}
		if c.Phone == sc.Cards[0].Phone {
			payers = append(payers, c)
		} else {
			recipients = append(recipients, c)
		}
	}
	return payers, recipients
}

// healthy: active, SMS on, processing ok, in sums, money on it, no flags,
// limits or past expiry (the scenario's defaults filled in, or not).
func healthy(c scenarios.Card) bool {
	return (c.Status == "" || c.Status == "active") && len(c.Flags) == 0 && (c.SMS == nil || *c.SMS) &&
		(c.Processing == "" || c.Processing == "ok") && c.Limits == nil && (c.Currency == 0 || c.Currency == 860) &&
		c.Balance != nil && *c.Balance > 0 && c.Expiry >= time.Now().Format("2006-01")
}

// pick is the first card of the same scheme (the PAN's first four digits)
// as pan, else the first card.
func pick(cards []scenarios.Card, pan string) scenarios.Card {
	for _, c := range cards {
		if len(pan) >= 4 && strings.HasPrefix(c.PAN, pan[:4]) {
			return c
		}
	}
	if len(cards) > 0 {
		return cards[0]
	}
	return scenarios.Card{}
}

// mapCard maps a live card's PAN, phone and expiry (MMYY as cards/add
// reads it, YYMM as the P2P routes do) onto the fake card's.
func mapCard(put func(live, fake string), live profile.Card, fake scenarios.Card) {
	if fake.PAN == "" {
		return
	}
	put(live.PAN, fake.PAN)
	put(live.Phone, fake.Phone)
	if len(live.Expiry) == 4 && len(fake.Expiry) == 7 { // MMYY, YYYY-MM
		mm, yy := fake.Expiry[5:7], fake.Expiry[2:4]
		put(live.Expiry, mm+yy)
		put(live.Expiry[2:]+live.Expiry[:2], yy+mm)
	}
}

func itoa(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}
