package aloqa

import (
	"testing"
	"time"
)

func TestMonitoring(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, "8600000000000001")
	d, err := f.svc.Debit(DebitParams{Token: tok, Amount: 1000, Merchant: m, Terminal: term})
	mustOK(t, err)
	mustOK(t, f.svc.ReverseDebit(d.Debit.ID))
	f.clock.Advance(48 * time.Hour)
	_, err = f.svc.Transfer(TransferParams{Route: Uzcard2Uzcard, Token: tok, PAN: "8600000000000030", Expiry: "2707", Amount: 5000})
	mustOK(t, err)

	page, err := f.svc.Monitoring(MonitoringQuery{Tokens: []CardToken{tok}, From: "2026-03-01", To: "2026-03-31"})
	mustOK(t, err)
	if len(page.Entries) != 3 || page.TotalDebit != 1000+5025 || page.TotalCredit != 1000 {
		t.Fatalf("page = %+v", page)
	}
	if page.Entries[0].Type != entryP2PDebit || !page.Entries[1].Reversal || page.Entries[2].Type != entryPurchase {
		t.Fatalf("order/types: %+v", page.Entries)
	}
	one, err := f.svc.Monitoring(MonitoringQuery{Tokens: []CardToken{tok}, From: "2026-03-02", To: "2026-03-02", Page: 1, Size: 1})
	mustOK(t, err)
	if len(one.Entries) != 1 || one.Entries[0].Type != entryPurchase || one.TotalDebit != 1000 {
		t.Fatalf("paged = %+v", one)
	}
	_, err = f.svc.Monitoring(MonitoringQuery{Tokens: []CardToken{tok}, From: "2026-03-05", To: "2026-03-01"})
	wantCode(t, err, CodeBadPeriod)
	_, err = f.svc.Monitoring(MonitoringQuery{Tokens: []CardToken{"x"}, From: "2026-03-01", To: "2026-03-02"})
	wantCode(t, err, CodeCardNotRegistered)
	e, err := f.svc.Entry(page.Entries[0].ID)
	mustOK(t, err)
	if e.PAN != "8600000000000001" || len(e.ID) != 24 {
		t.Fatalf("entry = %+v", e)
	}
	_, err = f.svc.Entry("000000000000000000000000")
	wantCode(t, err, CodeDataNotFound)
	if got := CreatedAt(time.Date(2023, 8, 28, 10, 45, 32, 0, time.UTC)); got != "8/28/2023, 3:45:32 PM" {
		t.Fatalf("CreatedAt = %q", got)
	}
}
