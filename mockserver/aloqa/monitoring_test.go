package aloqa

import (
	"reflect"
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

// A hold is a hold in monitoring (210, not counted), its capture a
// purchase at the capture's time, and every entry of one debit carries the
// references its answers showed; HUMO's auth_ref_number is the refNumber
// (issue 11).
func TestHoldAndReferencesInMonitoring(t *testing.T) {
	f := mustFixture(t)
	tok := f.bind(t, panB) // HUMO
	hold, err := f.svc.Debit(DebitParams{Token: tok, Amount: 7_000, Merchant: m, Terminal: term, Hold: true})
	mustOK(t, err)
	f.clock.Advance(time.Hour)
	charged, err := f.svc.ChargeHold(hold.Debit.ID)
	mustOK(t, err)
	f.clock.Advance(time.Hour)
	mustOK(t, f.svc.ReverseDebit(charged.ID))
	cancelled, err := f.svc.Debit(DebitParams{Token: tok, Amount: 3_000, Merchant: m, Terminal: term, Hold: true})
	mustOK(t, err)
	mustOK(t, f.svc.CancelHold(cancelled.Debit.ID))

	page := monitoringOf(t, f, tok)
	type row struct {
		typ    string
		at     time.Time
		amount int64
		ref    string
	}
	var got []row
	for _, e := range page.Entries {
		got = append(got, row{e.Type, e.At, int64(e.Amount), e.Refs.RefNum})
	}
	r, r2 := charged.Refs.RefNum, got[0].ref
	want := []row{
		{entryHoldRelease, start.Add(2 * time.Hour), 3_000, r2},
		{entryHold, start.Add(2 * time.Hour), 3_000, r2},
		{entryReversal, start.Add(2 * time.Hour), 7_000, r},
		{entryPurchase, start.Add(time.Hour), 7_000, r},
		{entryHold, start, 7_000, r},
	}
	for i := range want {
		want[i].at = want[i].at.UTC()
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("monitoring:\n got %+v\nwant %+v", got, want)
	}
	if charged.Refs.AuthRefNum != r || r == "" || r == r2 {
		t.Fatalf("auth_ref_number %q, refNumber %q (other hold %q)", charged.Refs.AuthRefNum, r, r2)
	}
	if page.TotalDebit != 7_000 || page.TotalCredit != 7_000 {
		t.Fatalf("totals count the capture and its refund only: debit %d credit %d", page.TotalDebit, page.TotalCredit)
	}
}
