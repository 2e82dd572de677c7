package aloqa

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

const (
	panA   = "8600000000000001" // UZCARD, bound
	panB   = "9860000000000001" // HUMO, bound
	panU30 = "8600000000000030" // UZCARD: P2P recipient, binding left pending
	panH30 = "9860000000000030" // HUMO: P2P recipient
)

func snapshotOf(tb testing.TB, s *Service) []byte {
	tb.Helper()
	b, err := core.Snapshot(s)
	mustOK(tb, err)
	return b
}

// restart is what -state-file does across a restart: a new namespace from
// the same scenario and seed, its clock, cards and SMS restored, then a new
// domain built by New and given the snapshot.
func restart(tb testing.TB, f *fixture) *fixture {
	tb.Helper()
	snap := snapshotOf(tb, f.svc)
	g := mustFixture(tb)
	g.clock.Set(f.clock.Now())
	g.cards.Restore(f.cards.All())
	g.sms.Load(f.sms.All())
	if err := g.svc.Restore(snap); err != nil {
		tb.Fatalf("Restore: %v", err)
	}
	return g
}

// world is the state a realistic session leaves before the restart.
type world struct {
	tokA, tokB   CardToken
	pendingBind  TxID // cards/add of panU30 with one wrong code tried
	debited      TxID // immediate debit on A
	reversed     TxID // debit on A, reversed
	holdA, holdB TxID // holds, to charge and to cancel after the restart
	smsDebit     TxID // SMS debit on B, one wrong code tried
	p2pDone      TxID
	p2pPending   TxID // SMS transfer from A
	dyingDebit   TxID // SMS debit on a 3rd card, two wrong codes tried: the next wrong one reissues
	tok30        CardToken
}

func buildWorld(t *testing.T) (*fixture, world) {
	t.Helper()
	f := mustFixture(t)
	var w world
	w.tokA = f.bind(t, panA)
	w.tokB = f.bind(t, panB)
	w.tok30 = f.bind(t, panH30)

	debit := func(tok CardToken, amount core.Tiyin, hold, forceSMS bool) TxID {
		t.Helper()
		out, err := f.svc.Debit(DebitParams{Token: tok, Amount: amount, Merchant: m, Terminal: term, Hold: hold, ForceSMS: forceSMS, Lang: LangRU})
		mustOK(t, err)
		return out.Debit.ID
	}
	w.debited = debit(w.tokA, 10_000, false, false)
	w.reversed = debit(w.tokA, 3_000, false, false)
	mustOK(t, f.svc.ReverseDebit(w.reversed))
	w.holdA = debit(w.tokA, 50_000, true, false)
	f.clock.Advance(90 * time.Minute)
	w.holdB = debit(w.tokB, 70_000, true, false)
	c30, _ := f.cards.Get(panU30)
	sent, err := f.svc.AddCard(panU30, c30.Expiry.MMYY(), c30.Phone, LangUZ)
	mustOK(t, err)
	w.pendingBind = sent.ID
	_, err = f.svc.ConfirmAdd(w.pendingBind, "000000x")
	wantCode(t, err, CodeWrongCode)
	w.smsDebit = debit(w.tokB, 20_000, false, true)
	_, err = f.svc.ConfirmDebit(w.smsDebit, "bad")
	wantCode(t, err, CodeWrongCode)
	w.dyingDebit = debit(w.tok30, 1_000, true, true)
	for range 2 {
		_, err = f.svc.ConfirmDebit(w.dyingDebit, "bad")
		wantCode(t, err, CodeWrongCode)
	}

	out, err := f.svc.Transfer(TransferParams{Route: Uzcard2Uzcard, Token: w.tokA, PAN: panU30, Expiry: "2707", Amount: 500_000})
	mustOK(t, err)
	w.p2pDone = out.Transfer.ID
	out, err = f.svc.Transfer(TransferParams{Route: Uzcard2Humo, Token: w.tokA, PAN: panH30, Expiry: "2707", Amount: 200_000, ForceSMS: true, Lang: LangRU})
	mustOK(t, err)
	w.p2pPending = out.Transfer.ID
	f.clock.Advance(30 * time.Second)
	return f, w
}

// monitoringOf lists every entry of the tokens' cards today, times in UTC
// (a restored time carries no zone name; the instant is what counts).
func monitoringOf(t *testing.T, f *fixture, toks ...CardToken) MonitoringPage {
	t.Helper()
	day := f.clock.Now().In(Tashkent).Format("2006-01-02")
	p, err := f.svc.Monitoring(MonitoringQuery{Tokens: toks, From: "2026-01-01", To: day, Size: 1000})
	mustOK(t, err)
	for i := range p.Entries {
		p.Entries[i].At = p.Entries[i].At.UTC()
	}
	return p
}

func TestRestoreKeepsTheStateView(t *testing.T) {
	f, w := buildWorld(t)
	g := restart(t, f)

	if a, b := f.svc.StateView(), g.svc.StateView(); !reflect.DeepEqual(a, b) {
		t.Fatalf("state view differs after restore:\nold %v\nnew %v", a, b)
	}
	if a, b := monitoringOf(t, f, w.tokA, w.tokB, w.tok30), monitoringOf(t, g, w.tokA, w.tokB, w.tok30); !reflect.DeepEqual(a, b) {
		t.Fatalf("monitoring differs after restore:\nold %+v\nnew %+v", a, b)
	}
	if len(monitoringOf(t, g, w.tokA).Entries) != 5 { // debit, debit, reversal, hold, P2P debit
		t.Fatalf("restored monitoring of A: %+v", monitoringOf(t, g, w.tokA))
	}
	for _, id := range []TxID{w.pendingBind, w.debited, w.holdB, w.p2pPending} {
		if a, b := f.svc.PANOfTransaction(id), g.svc.PANOfTransaction(id); a == "" || a != b {
			t.Fatalf("transaction %d: pan %q, restored %q", id, a, b)
		}
	}
	for _, tok := range []CardToken{w.tokA, w.tokB, w.tok30} {
		if a, b := f.svc.PANOfToken(tok), g.svc.PANOfToken(tok); a == "" || a != b {
			t.Fatalf("token %s: pan %q, restored %q", tok, a, b)
		}
	}
	m1, f1 := f.svc.Settlements()
	m2, f2 := g.svc.Settlements()
	if m1 != m2 || f1 != f2 || m1 != 10_000 || f1 != 2_500 {
		t.Fatalf("settlements %d/%d, restored %d/%d", m1, f1, m2, f2)
	}
	e := monitoringOf(t, f, w.tokA).Entries[0]
	got, err := g.svc.Entry(e.ID)
	mustOK(t, err)
	if got.At = got.At.UTC(); !reflect.DeepEqual(got, e) {
		t.Fatalf("Entry(%s) = %+v, want %+v", e.ID, got, e)
	}
}

func TestSnapshotRoundTripsByteForByte(t *testing.T) {
	f, _ := buildWorld(t)
	first := snapshotOf(t, f.svc)
	g := restart(t, f)
	if second := snapshotOf(t, g.svc); !bytes.Equal(first, second) {
		t.Fatalf("snapshot → restore → snapshot changed the bytes:\n%s\n%s", first, second)
	}
	// An empty domain round-trips too.
	e := mustFixture(t)
	first = snapshotOf(t, e.svc)
	h := restart(t, e)
	if second := snapshotOf(t, h.svc); !bytes.Equal(first, second) {
		t.Fatalf("empty domain:\n%s\n%s", first, second)
	}
}

// outcome records everything a continuation produced, to compare a domain
// that never stopped with one restored from its snapshot.
type outcome struct {
	Steps []string
	View  any
}

// continueFlows finishes every restored object and starts new ones.
func continueFlows(t *testing.T, f *fixture, w world, codes map[TxID]string) outcome {
	t.Helper()
	var o outcome
	log := func(format string, args ...any) {
		b, _ := json.Marshal(args)
		o.Steps = append(o.Steps, format+" "+string(b))
	}
	// The restored SMS debit still blocks the card, then takes the code sent before the restart.
	_, err := f.svc.Debit(DebitParams{Token: w.tokB, Amount: 100, Merchant: m, Terminal: term})
	wantCode(t, err, CodePreviousInProgress)
	d, err := f.svc.ConfirmDebit(w.smsDebit, codes[w.smsDebit])
	mustOK(t, err)
	if d.State != DebitDebited {
		t.Fatalf("confirmed SMS debit: %+v", d)
	}
	log("sms debit", d)
	// Restored holds: charge one, cancel the other; a reversed debit stays reversed.
	d, err = f.svc.ChargeHold(w.holdA)
	mustOK(t, err)
	log("charge", d)
	mustOK(t, f.svc.CancelHold(w.holdB))
	wantCode(t, f.svc.ReverseDebit(w.reversed), CodeTxCancelled)
	mustOK(t, f.svc.ReverseDebit(w.debited))
	// Restored pending transfer and binding (the binding had one wrong try).
	tr, err := f.svc.ConfirmTransfer(w.p2pPending, codes[w.p2pPending])
	mustOK(t, err)
	log("p2p", tr)
	_, err = f.svc.ConfirmAdd(w.pendingBind, "1234567")
	wantCode(t, err, CodeWrongCode) // 2nd wrong try of 3
	info, err := f.svc.ConfirmAdd(w.pendingBind, codes[w.pendingBind])
	mustOK(t, err)
	log("bound", info.Token)
	// The dying debit's third wrong code reissues a new code (from the OTP stream), which works.
	_, err = f.svc.ConfirmDebit(w.dyingDebit, "bad")
	wantCode(t, err, CodeWrongCode)
	reissued := f.lastCode(t)
	if reissued == codes[w.dyingDebit] {
		t.Fatalf("reissued code %s repeats the restored one", reissued)
	}
	log("reissued", reissued)
	d, err = f.svc.ConfirmDebit(w.dyingDebit, reissued)
	mustOK(t, err)
	log("dying debit", d)
	// New objects: ids, tokens, references and codes continue the streams.
	out, err := f.svc.Debit(DebitParams{Token: info.Token, Amount: 4_000, Merchant: m, Terminal: term, ForceSMS: true, Lang: LangRU})
	mustOK(t, err)
	log("new sms debit", out.Debit, f.lastCode(t))
	out2, err := f.svc.Transfer(TransferParams{Route: Humo2Humo, Token: w.tokB, PAN: panH30, Expiry: "2707", Amount: 300_000})
	mustOK(t, err)
	log("new p2p", out2.Transfer)
	f.clock.Advance(24 * time.Hour)
	log("monitoring", monitoringOf(t, f, w.tokA, w.tokB, w.tok30, info.Token))
	o.View = f.svc.StateView()
	return o
}

func challengeCodes(f *fixture, w world) map[TxID]string {
	f.svc.mu.Lock()
	defer f.svc.mu.Unlock()
	return map[TxID]string{
		w.smsDebit:    f.svc.st.Debits[w.smsDebit].Challenge.Code(),
		w.dyingDebit:  f.svc.st.Debits[w.dyingDebit].Challenge.Code(),
		w.p2pPending:  f.svc.st.Transfers[w.p2pPending].Challenge.Code(),
		w.pendingBind: f.svc.st.Bindings[w.pendingBind].Challenge.Code(),
	}
}

func TestRestoredFlowsContinueAsIfNeverStopped(t *testing.T) {
	f, w := buildWorld(t)
	codes := challengeCodes(f, w)
	restoredIDs := map[TxID]bool{}
	for _, id := range []TxID{w.pendingBind, w.debited, w.reversed, w.holdA, w.holdB, w.smsDebit, w.p2pDone, w.p2pPending, w.dyingDebit} {
		restoredIDs[id] = true
	}
	g := restart(t, f)
	restoredEntries := map[string]bool{}
	for _, e := range monitoringOf(t, g, w.tokA, w.tokB, w.tok30).Entries {
		restoredEntries[e.ID] = true
	}

	want := continueFlows(t, f, w, codes) // the domain that never stopped
	got := continueFlows(t, g, w, codes)  // the restored one
	if !reflect.DeepEqual(want, got) {
		t.Fatalf("restored domain diverged:\nnever stopped %v\nrestored      %v", want, got)
	}
	if a, b := snapshotOf(t, f.svc), snapshotOf(t, g.svc); !bytes.Equal(a, b) {
		t.Fatalf("final snapshots differ:\n%s\n%s", a, b)
	}

	// No new id collides with a restored one.
	g.svc.mu.Lock()
	defer g.svc.mu.Unlock()
	seenTok := map[CardToken]bool{w.tokA: true, w.tokB: true, w.tok30: true}
	newIDs := 0
	for id := range g.svc.st.Debits {
		if !restoredIDs[id] {
			newIDs++
			if id <= w.dyingDebit || id <= w.p2pPending {
				t.Fatalf("new debit id %d not above the restored ones", id)
			}
		}
	}
	if newIDs != 1 || len(g.svc.st.Tokens) != len(seenTok)+1 {
		t.Fatalf("%d new debits, %d tokens", newIDs, len(g.svc.st.Tokens))
	}
	newEntries := 0
	for _, e := range g.svc.st.Entries {
		if !restoredEntries[e.ID] {
			newEntries++
		}
	}
	if len(g.svc.st.Entries) != len(restoredEntries)+newEntries || newEntries == 0 || len(g.svc.entryByID) != len(g.svc.st.Entries) {
		t.Fatalf("monitoring ids: %d restored, %d new, %d total, %d by id", len(restoredEntries), newEntries, len(g.svc.st.Entries), len(g.svc.entryByID))
	}
}

func TestRestoredOTPExpiresOnTime(t *testing.T) {
	f, w := buildWorld(t)
	codes := challengeCodes(f, w)
	g := restart(t, f)
	// The SMS debit's code was issued 30 s before the snapshot: it dies 90 s later.
	g.clock.Advance(89 * time.Second)
	_, err := g.svc.Debit(DebitParams{Token: w.tokB, Amount: 100, Merchant: m, Terminal: term})
	wantCode(t, err, CodePreviousInProgress)
	g.clock.Advance(time.Second)
	_, err = g.svc.Debit(DebitParams{Token: w.tokB, Amount: 100, Merchant: m, Terminal: term})
	mustOK(t, err)
	// The expired code is replaced by a fresh one (one resend left), sent by SMS.
	_, err = g.svc.ConfirmDebit(w.smsDebit, codes[w.smsDebit])
	wantCode(t, err, CodeWrongCode)
	fresh := g.lastCode(t)
	if fresh == codes[w.smsDebit] {
		t.Fatal("the expired code was resent")
	}
	_, err = g.svc.ConfirmDebit(w.smsDebit, fresh)
	mustOK(t, err)
}

func TestRestoreRejectsBadSnapshots(t *testing.T) {
	f, w := buildWorld(t)
	good := snapshotOf(t, f.svc)
	edit := func(fn func(sn map[string]any)) []byte {
		var sn map[string]any
		if err := json.Unmarshal(good, &sn); err != nil {
			t.Fatal(err)
		}
		fn(sn)
		b, err := json.Marshal(sn)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	st := func(sn map[string]any, key string) map[string]any {
		return sn["state"].(map[string]any)[key].(map[string]any)
	}
	id := func(x TxID) string { return strconv.FormatInt(int64(x), 10) }
	tests := []struct {
		name string
		data []byte
	}{
		{"not json", []byte("{garbage")},
		{"empty", nil},
		{"a list", []byte("[]")},
		{"no version", []byte("{}")},
		{"unknown field", edit(func(sn map[string]any) { st(sn, "debits")[id(w.debited)].(map[string]any)["surprise"] = 1 })},
		{"older version", edit(func(sn map[string]any) { sn["version"] = 1 })},
		{"money as a string", edit(func(sn map[string]any) { sn["state"].(map[string]any)["fees_tiyin"] = "25.00" })},
		{"no id stream", edit(func(sn map[string]any) { delete(sn["state"].(map[string]any), "id_stream") })},
		{"id stream not hex", edit(func(sn map[string]any) { sn["state"].(map[string]any)["id_stream"] = "zz" })},
		{"id above the counter", edit(func(sn map[string]any) { sn["state"].(map[string]any)["last_transaction_id"] = float64(w.pendingBind) })},
		{"null debit", edit(func(sn map[string]any) { st(sn, "debits")[id(w.debited)] = nil })},
		{"debit filed under another id", edit(func(sn map[string]any) { st(sn, "debits")[id(w.debited)] = st(sn, "debits")[id(w.holdA)] })},
		{"awaiting without its code", edit(func(sn map[string]any) { delete(st(sn, "debits")[id(w.smsDebit)].(map[string]any), "otp") })},
		{"binding without its code", edit(func(sn map[string]any) { st(sn, "bindings")[id(w.pendingBind)].(map[string]any)["otp"] = nil })},
		{"awaiting an unknown debit", edit(func(sn map[string]any) { st(sn, "awaiting")[panB] = 1 })},
		{"entry twice", edit(func(sn map[string]any) {
			m := sn["state"].(map[string]any)
			m["monitoring"] = append(m["monitoring"].([]any), m["monitoring"].([]any)[0])
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := mustFixture(t)
			tok := g.bind(t, panA)
			before := snapshotOf(t, g.svc)
			if err := g.svc.Restore(tc.data); err == nil {
				t.Fatal("Restore accepted a bad snapshot")
			} else if !strings.Contains(err.Error(), "aloqa snapshot") {
				t.Fatalf("error %q does not name the snapshot", err)
			}
			if after := snapshotOf(t, g.svc); !bytes.Equal(before, after) {
				t.Fatalf("a failed Restore changed the domain:\n%s\n%s", before, after)
			}
			out, err := g.svc.Debit(DebitParams{Token: tok, Amount: 1_000, Merchant: m, Terminal: term, Hold: true})
			mustOK(t, err)
			_, err = g.svc.ChargeHold(out.Debit.ID)
			mustOK(t, err)
		})
	}
}

// TestSnapshotsUnderLoadConserveMoney takes snapshots the way the sandbox
// does (domain locked, then cards and domain copied) while debits, holds
// and transfers run: each snapshot balances, since every money move holds
// the domain's lock.
func TestSnapshotsUnderLoadConserveMoney(t *testing.T) {
	f := mustFixture(t)
	pans := []string{panA, panB, panU30, panH30}
	toks := make([]CardToken, len(pans))
	var total core.Tiyin
	for i, p := range pans {
		toks[i] = f.bind(t, p)
		b, h := f.balance(t, p)
		total += b + h
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 150 {
				tok := toks[(w+i)%len(toks)]
				out, err := f.svc.Debit(DebitParams{Token: tok, Amount: 1_000, Merchant: m, Terminal: term, Hold: i%2 == 0})
				if err == nil && out.Debit.Hold {
					if i%4 == 0 {
						_, _ = f.svc.ChargeHold(out.Debit.ID)
					} else {
						_ = f.svc.CancelHold(out.Debit.ID)
					}
				} else if err == nil && i%3 == 0 {
					_ = f.svc.ReverseDebit(out.Debit.ID)
				}
				_, _ = f.svc.Transfer(TransferParams{Route: Uzcard2Humo, Token: toks[0], PAN: panH30, Expiry: "2707", Amount: 10_000})
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	check := func() {
		f.svc.LockState()
		cards := f.cards.All()
		raw, err := f.svc.SnapshotLocked()
		f.svc.UnlockState()
		mustOK(t, err)
		var sn struct{ State state }
		mustOK(t, json.Unmarshal(raw, &sn))
		sum := sn.State.Fees
		for _, v := range sn.State.Settled {
			sum += v
		}
		for _, c := range cards {
			for _, p := range pans {
				if string(c.PAN) == p {
					sum += c.Balance + c.Held
				}
			}
		}
		if sum != total {
			t.Errorf("snapshot does not balance: %d, want %d", sum, total)
		}
	}
	for n := 0; ; n++ {
		select {
		case <-done:
			check()
			return
		default:
			check()
		}
	}
}
