package anorbank

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// persistDoc: random OTP codes (so that resends and generator positions
// matter), billing variants with money in flight, an agent deposit.
const persistDoc = `version: 1
settings: {clock: {mode: frozen}}
credentials: {anorbank: [{username: sandbox, password: sandbox, roles: [cancel]}]}
anorbank:
  agent: {deposit: 500000, account: "20208000900100001001", mfo: "01183"}
  recipients:
    - {id: 1001, name: SANDBOX SHOP}
    - {id: 1005, name: EWR, billing: error_will_reverse}
    - {id: 1006, name: ENR, billing: error_need_reverse}
`

func snapshotOf(tb testing.TB, svc *Service) []byte {
	tb.Helper()
	return must(core.Snapshot(svc)).of(tb)
}

// restart does what the sandbox does at start with a state file: a fresh
// namespace from the same scenario and seed, its clock, cards and SMS
// restored, then the domain.
func restart(tb testing.TB, old *fixture, doc string, data []byte) *fixture {
	tb.Helper()
	nu := newFixtureDoc(tb, doc)
	nu.clock.Set(old.clock.Now())
	nu.cards.Restore(old.cards.All())
	nu.sms.Load(old.sms.All())
	if err := nu.svc.Restore(data); err != nil {
		tb.Fatalf("restore: %v", err)
	}
	return nu
}

func lastCode(tb testing.TB, f *fixture) string {
	tb.Helper()
	msgs := f.sms.List(phone)
	if len(msgs) == 0 {
		tb.Fatal("no SMS")
	}
	return msgs[0].Code
}

// must(call()).of(t) is call's value, failing t on its error.
func must[T any](v T, err error) outcome[T] { return outcome[T]{v, err} }

type outcome[T any] struct {
	v   T
	err error
}

func (o outcome[T]) of(tb testing.TB) T {
	tb.Helper()
	if o.err != nil {
		tb.Fatal(o.err)
	}
	return o.v
}

// world is what populate left behind, to continue from after a restart.
type world struct {
	tokens                Tokens // the live pair, after one rotation
	oldRefresh            string // rotated away
	boundToken            string
	bindPending           OTPSent // one wrong try on it
	bindCode              string
	paid, held, checked   Bill
	resent                Bill // its one resend used, one wrong try on the new code
	resentCode            string
	willRev, needRev      Bill
	checkedCode           string
	ext                   ExtPayResult
	tokensSeen            map[string]bool
	billIDs               map[BillID]bool
	maxBindID, maxExtBmID int64
}

// populate runs a realistic morning: login and a token rotation, a card
// bound and another half-bound, a bill paid, a hold topped up, a bill
// awaiting its code after two wrong tries, the two billing errors that
// leave money in flight, and a payout.
func populate(t *testing.T, f *fixture) world {
	t.Helper()
	var w world
	ref := CardRef{PAN: panOK, Expiry: expOK}
	step := func() { f.clock.Advance(time.Second) }

	first := must(f.svc.Login("sandbox", "sandbox")).of(t)
	step()
	w.tokens = must(f.svc.Refresh(first.Refresh)).of(t)
	w.oldRefresh = first.Refresh
	w.tokensSeen = map[string]bool{first.Access: true, first.Refresh: true, w.tokens.Access: true, w.tokens.Refresh: true}
	step()

	sent := must(f.svc.SendOTP("sandbox", ref)).of(t)
	w.boundToken = must(f.svc.VerifyOTP("sandbox", sent.ID, lastCode(t, f))).of(t)
	w.bindPending = must(f.svc.SendOTP("sandbox", CardRef{PAN: panPoor, Expiry: expOK})).of(t)
	w.bindCode = lastCode(t, f)
	_, err := f.svc.VerifyOTP("sandbox", w.bindPending.ID, "x")
	wantCode(t, err, CodeInvalidCodeRetry)
	w.maxBindID = w.bindPending.ID
	step()

	w.paid = f.check(t, "paid", 500)
	must(f.svc.Pay("", w.paid.ID, lastCode(t, f))).of(t)
	step()

	w.held = f.check(t, "held", 10000)
	must(f.svc.Hold("", w.held.ID, lastCode(t, f))).of(t)
	must(f.svc.TopUp("", w.held.ID, 2000, ref)).of(t) // the cap is 3000: 1000 left
	step()

	w.checked = f.check(t, "checked", 700)
	w.checkedCode = lastCode(t, f)
	for range 2 {
		_, err = f.svc.Pay("", w.checked.ID, "x")
		wantCode(t, err, CodeInvalidCodeRetry)
	}
	step()

	w.resent = f.check(t, "resent", 600)
	for _, want := range []string{CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeInvalidCodeSMSSent, CodeInvalidCodeRetry} {
		_, err = f.svc.Pay("", w.resent.ID, "x")
		wantCode(t, err, want)
	}
	w.resentCode = lastCode(t, f)
	step()

	for _, rc := range []struct {
		recipient int64
		bill      *Bill
		code      string
	}{{1005, &w.willRev, CodeBillingErrorWillRev}, {1006, &w.needRev, CodeBillingErrorNeedRev}} {
		b := must(f.svc.Check(CheckParams{RecipientID: rc.recipient, Amount: 300, AgentTranID: fmt.Sprint("rcp", rc.recipient), Card: ref})).of(t)
		_, err = f.svc.Pay("", b.ID, lastCode(t, f))
		wantCode(t, err, rc.code)
		*rc.bill = b
	}
	step()

	w.ext = must(f.svc.ExtPay(ExtPayParams{AgentTranID: "ext-1", Account: "20208000900100001001", MFO: "01183", Card: ref, Amount: 1000})).of(t)
	w.maxExtBmID = w.ext.BmID
	w.billIDs = map[BillID]bool{}
	for _, b := range []Bill{w.paid, w.held, w.checked, w.resent, w.willRev, w.needRev} {
		w.billIDs[b.ID] = true
	}
	return w
}

// view is what a comparison between two domains looks at (operations
// return bills without their challenge).
func view(b Bill, err error) []any {
	code, _ := core.CodeOf(err)
	return []any{b, code}
}

func stateJSON(tb testing.TB, svc *Service) string {
	tb.Helper()
	b, err := json.Marshal(svc.StateView())
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// A domain restored from a snapshot is indistinguishable from the one that
// kept running: the same state view, and every follow-up (on restored
// objects or new ones) gives the same answer in both, ids, tokens and
// resent codes included. New ids never collide with restored ones.
func TestRestoreContinuesEveryFlow(t *testing.T) {
	old := newFixtureDoc(t, persistDoc)
	w := populate(t, old)
	data := snapshotOf(t, old.svc)
	nu := restart(t, old, persistDoc, data)

	if a, b := stateJSON(t, old.svc), stateJSON(t, nu.svc); a != b {
		t.Fatalf("state views differ:\nold %s\nnew %s", a, b)
	}
	if !reflect.DeepEqual(old.svc.StateView(), nu.svc.StateView()) {
		t.Fatal("state views differ (deep)")
	}
	if again := snapshotOf(t, nu.svc); !bytes.Equal(again, data) {
		t.Fatalf("snapshot after restore differs:\n%s\n%s", data, again)
	}

	ref := CardRef{PAN: panOK, Expiry: expOK}
	newToken := func(t *testing.T, tok Tokens) {
		for _, s := range []string{tok.Access, tok.Refresh} {
			if w.tokensSeen[s] {
				t.Fatalf("token issued after the restart repeats one issued before: %.40s…", s)
			}
		}
	}
	steps := []struct {
		name string
		run  func(t *testing.T, f *fixture) []any
	}{
		{"the rotated refresh token stays used", func(t *testing.T, f *fixture) []any {
			_, err := f.svc.Refresh(w.oldRefresh)
			wantCode(t, err, CodeBadCredentials)
			return nil
		}},
		{"the live access token authenticates", func(t *testing.T, f *fixture) []any {
			a := must(f.svc.Authenticate(w.tokens.Access)).of(t)
			if a.Username != "sandbox" || !a.CanCancel() {
				t.Fatalf("agent %+v", a)
			}
			return []any{a}
		}},
		{"the live refresh token rotates to fresh tokens", func(t *testing.T, f *fixture) []any {
			tok := must(f.svc.Refresh(w.tokens.Refresh)).of(t)
			newToken(t, tok)
			_, err := f.svc.Refresh(w.tokens.Refresh)
			wantCode(t, err, CodeBadCredentials)
			return []any{tok}
		}},
		{"login issues fresh tokens", func(t *testing.T, f *fixture) []any {
			tok := must(f.svc.Login("sandbox", "sandbox")).of(t)
			newToken(t, tok)
			return []any{tok}
		}},
		{"the half-bound card keeps its try count, resends a new code and binds", func(t *testing.T, f *fixture) []any {
			_, err := f.svc.VerifyOTP("sandbox", w.bindPending.ID, "x")
			wantCode(t, err, CodeInvalidCodeRetry) // the 2nd try: the 1st was before the restart
			_, err = f.svc.VerifyOTP("sandbox", w.bindPending.ID, "x")
			wantCode(t, err, CodeInvalidCodeSMSSent) // D-14
			code := lastCode(t, f)
			if code == w.bindCode {
				t.Fatalf("the resent code %s repeats the restored one", code)
			}
			_, err = f.svc.VerifyOTP("sandbox", w.bindPending.ID, w.bindCode)
			wantCode(t, err, CodeInvalidCodeRetry)
			tok := must(f.svc.VerifyOTP("sandbox", w.bindPending.ID, code)).of(t)
			if tok == w.boundToken {
				t.Fatal("card token repeats")
			}
			return []any{code, tok, f.svc.UserCards("sandbox")}
		}},
		{"the bound card is still bound", func(t *testing.T, f *fixture) []any {
			_, err := f.svc.SendOTP("sandbox", ref)
			wantCode(t, err, CodeCardAlreadyExists)
			return nil
		}},
		{"the awaiting bill: 3rd wrong try resends, the new code pays", func(t *testing.T, f *fixture) []any {
			_, err := f.svc.Pay("", w.checked.ID, "x")
			wantCode(t, err, CodeInvalidCodeSMSSent)
			code := lastCode(t, f)
			if code == w.checkedCode {
				t.Fatalf("the resent code %s repeats the restored one", code)
			}
			b, err := f.svc.Pay("", w.checked.ID, code)
			if err != nil || b.State != BillSuccess {
				t.Fatalf("pay with the resent code: %+v, %v", b, err)
			}
			return append(view(b, err), code)
		}},
		{"the bill whose resend is used up dies on its 3rd wrong try", func(t *testing.T, f *fixture) []any {
			_, err := f.svc.Pay("", w.resent.ID, "x")
			wantCode(t, err, CodeInvalidCodeRetry)
			_, err = f.svc.Pay("", w.resent.ID, "x")
			wantCode(t, err, CodeCodeEntryLimitExceeded)
			b, err := f.svc.Pay("", w.resent.ID, w.resentCode)
			wantCode(t, err, CodeBillNotValid)
			return view(b, err)
		}},
		{"the restored hold tops up to its cap and confirms", func(t *testing.T, f *fixture) []any {
			before, _ := f.balance(t)
			b := must(f.svc.TopUp("", w.held.ID, 1000, ref)).of(t)
			if b.Amount != 13000 {
				t.Fatalf("top-up: held %d, want 13000", b.Amount)
			}
			_, err := f.svc.TopUp("", w.held.ID, 1, ref)
			wantCode(t, err, CodeLimitExceeded)
			b, err = f.svc.ConfirmHold("", w.held.ID)
			if err != nil || b.State != BillSuccess || b.Amount != 13000 {
				t.Fatalf("confirm: %+v, %v", b, err)
			}
			if avail, _ := f.balance(t); avail != before-1000 {
				t.Fatalf("available %d, want %d", avail, before-1000)
			}
			return view(b, err)
		}},
		{"the paid bill cancels", func(t *testing.T, f *fixture) []any {
			b, err := f.svc.Cancel("", w.paid.ID)
			if err != nil || b.State != BillCancelled {
				t.Fatalf("cancel: %+v, %v", b, err)
			}
			return view(b, err)
		}},
		{"need-reverse bill cancels", func(t *testing.T, f *fixture) []any {
			return view(f.svc.Cancel("", w.needRev.ID))
		}},
		{"will-reverse bill refunds after reverse_after", func(t *testing.T, f *fixture) []any {
			st, _ := f.svc.Status("", w.willRev.ID, "")
			if st.State != BillSuccess || st.Settled != 300 {
				t.Fatalf("before: %+v", st)
			}
			before, _ := f.balance(t)
			f.clock.Advance(61 * time.Second)
			st, err := f.svc.Status("", 0, "rcp1005")
			if err != nil || st.State != BillCancelled || st.Settled != 0 {
				t.Fatalf("after: %+v, %v", st, err)
			}
			if avail, _ := f.balance(t); avail != before+300 {
				t.Fatalf("available %d, want %d", avail, before+300)
			}
			return view(st, err)
		}},
		{"the payout replays; a new one gets new ids", func(t *testing.T, f *fixture) []any {
			p := ExtPayParams{AgentTranID: "ext-1", Account: "20208000900100001001", MFO: "01183", Card: ref, Amount: 1000}
			if r := must(f.svc.ExtPay(p)).of(t); r != w.ext {
				t.Fatalf("replay %+v, want %+v", r, w.ext)
			}
			p.AgentTranID = "ext-2"
			r := must(f.svc.ExtPay(p)).of(t)
			if r.BmID <= w.maxExtBmID || r.SenderExtID == w.ext.SenderExtID || r.RecvExtID == w.ext.RecvExtID {
				t.Fatalf("new payout %+v collides with %+v", r, w.ext)
			}
			return []any{r, f.svc.Deposit()}
		}},
		{"a replayed check returns the restored bill", func(t *testing.T, f *fixture) []any {
			b := f.check(t, "paid", 999)
			if b.ID != w.paid.ID {
				t.Fatalf("replayed check: bill %d, want %d", b.ID, w.paid.ID)
			}
			return view(b, nil)
		}},
		{"new bills, bindings and fresh ids do not collide", func(t *testing.T, f *fixture) []any {
			b := f.check(t, "after-restart", 100)
			if w.billIDs[b.ID] {
				t.Fatalf("new bill %d collides", b.ID)
			}
			sent := must(f.svc.SendOTP("sandbox", CardRef{PAN: panDecl, Expiry: expOK})).of(t)
			if sent.ID <= w.maxBindID {
				t.Fatalf("send-otp id %d, restored up to %d", sent.ID, w.maxBindID)
			}
			id := f.svc.FreshID()
			if w.billIDs[BillID(id)] || BillID(id) <= b.ID {
				t.Fatalf("fresh id %d", id)
			}
			return []any{view(b, nil), sent, id, lastCode(t, f)}
		}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			got, want := st.run(t, nu), st.run(t, old)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("restored domain answered\n%+v\nthe uninterrupted one\n%+v", got, want)
			}
		})
	}
	if a, b := stateJSON(t, old.svc), stateJSON(t, nu.svc); a != b {
		t.Fatalf("state views differ at the end:\nold %s\nnew %s", a, b)
	}
	if !reflect.DeepEqual(old.cards.All(), nu.cards.All()) || !reflect.DeepEqual(old.sms.All(), nu.sms.All()) {
		t.Fatal("card ledgers or SMS outboxes differ at the end")
	}
	if a, b := snapshotOf(t, old.svc), snapshotOf(t, nu.svc); !bytes.Equal(a, b) {
		t.Fatalf("snapshots differ at the end:\nold %s\nnew %s", a, b)
	}
}

// snapshot → restore → snapshot gives the same bytes, in every state,
// also after a second restart.
func TestSnapshotRoundTripsByteIdentically(t *testing.T) {
	for _, tc := range []struct {
		name  string
		doc   string
		setup func(t *testing.T, f *fixture)
	}{
		{"fresh", persistDoc, func(*testing.T, *fixture) {}},
		{"populated", persistDoc, func(t *testing.T, f *fixture) { populate(t, f) }},
		{"expired and dead codes", persistDoc, func(t *testing.T, f *fixture) {
			populate(t, f)
			b := f.check(t, "exp", 100)
			f.clock.Advance(121 * time.Second)
			_, err := f.svc.Pay("", b.ID, "x")
			wantCode(t, err, CodeCodeExpiredRestart) // D-17
			c := f.check(t, "dead", 100)
			for _, want := range []string{CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeInvalidCodeSMSSent,
				CodeInvalidCodeRetry, CodeInvalidCodeRetry, CodeCodeEntryLimitExceeded} {
				_, err = f.svc.Pay("", c.ID, "x")
				wantCode(t, err, want)
			}
		}},
		{"fixed codes", fixedDoc, func(t *testing.T, f *fixture) {
			b := f.check(t, "h", 1000)
			must(f.svc.Hold("", b.ID, fixedCode)).of(t)
			_, _ = f.svc.Pay("", f.check(t, "w", 10).ID, "000000")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureDoc(t, tc.doc)
			tc.setup(t, f)
			data := snapshotOf(t, f.svc)
			once := restart(t, f, tc.doc, data)
			if got := snapshotOf(t, once.svc); !bytes.Equal(got, data) {
				t.Fatalf("round trip changed the snapshot:\n%s\n%s", data, got)
			}
			twice := restart(t, once, tc.doc, snapshotOf(t, once.svc))
			if got := snapshotOf(t, twice.svc); !bytes.Equal(got, data) {
				t.Fatalf("second round trip changed the snapshot:\n%s\n%s", data, got)
			}
		})
	}
}

const fixedDoc = `version: 1
settings: {clock: {mode: frozen}, otp: {fixed_code: "111111"}}
credentials: {anorbank: [{username: sandbox, password: sandbox, roles: [cancel]}]}
anorbank: {recipients: [{id: 1001, name: SANDBOX SHOP}]}
`

// A bad snapshot is refused with an error and leaves the domain as it was,
// and usable.
func TestRestoreRefusesBadSnapshots(t *testing.T) {
	src := newFixtureDoc(t, persistDoc)
	populate(t, src)
	good := string(snapshotOf(t, src.svc))
	edit := func(old, nu string) []byte {
		t.Helper()
		if !strings.Contains(good, old) {
			t.Fatalf("the snapshot has no %s", old)
		}
		return []byte(strings.Replace(good, old, nu, 1))
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"not JSON", []byte(`{"version": 2, "state": {`)},
		{"another version", edit(`"version":2`, `"version":1`)},
		{"unknown field", edit(`"deposit":`, `"surprise":1,"deposit":`)},
		{"negative deposit", edit(`"deposit":499000`, `"deposit":-1`)},
		{"unknown bill state", edit(`"state":"HOLD_SUCCESS"`, `"state":"PAID"`)},
		{"repeated agentTranId", edit(`"agent_tran_id":"held"`, `"agent_tran_id":"paid"`)},
		{"no random stream", edit(`"faker":"`, `"faker":null,"x":"`)},
		{"stream position not hex", edit(`"otp":"`, `"otp":"zz`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureDoc(t, persistDoc)
			before := snapshotOf(t, f.svc)
			if err := f.svc.Restore(tc.data); err == nil {
				t.Fatal("Restore accepted a bad snapshot")
			}
			if after := snapshotOf(t, f.svc); !bytes.Equal(after, before) {
				t.Fatalf("a refused Restore changed the domain:\n%s\n%s", before, after)
			}
			b := f.check(t, "after-refusal", 100)
			must(f.svc.Pay("", b.ID, lastCode(t, f))).of(t)
		})
	}
}

// Snapshots taken under LockState while operations run are consistent with
// the card ledger read under the same lock: every tiyin is on the card
// (available or held) or settled by a bill, and the card's hold is the sum
// of the bills' holds.
func TestSnapshotUnderLoadIsConsistent(t *testing.T) {
	f := newFixture(t, false)
	ref := CardRef{PAN: panOK, Expiry: expOK}
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(w)))
			for i := range 60 {
				b, err := f.svc.Check(CheckParams{RecipientID: 1001, Amount: core.Tiyin(100 + rng.Intn(900)), AgentTranID: fmt.Sprintf("w%d-%d", w, i), Card: ref})
				if err != nil {
					continue
				}
				switch rng.Intn(4) {
				case 0:
					_, _ = f.svc.Pay("", b.ID, fixedCode)
					_, _ = f.svc.Cancel("", b.ID)
				case 1:
					_, _ = f.svc.Pay("", b.ID, fixedCode)
				default:
					_, _ = f.svc.Hold("", b.ID, fixedCode)
					_, _ = f.svc.TopUp("", b.ID, core.Tiyin(rng.Intn(200)), ref)
					_, _ = f.svc.ReverseHoldPartially("", b.ID, core.Tiyin(rng.Intn(300)))
					if rng.Intn(2) == 0 {
						_, _ = f.svc.ConfirmHold("", b.ID)
					} else {
						_, _ = f.svc.ReverseHold("", b.ID)
					}
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	snaps := 0
	for running := true; running; snaps++ {
		select {
		case <-done:
			running = false
		default:
		}
		f.svc.LockState()
		data, err := f.svc.SnapshotLocked()
		card, _ := f.cards.Get(panOK)
		f.svc.UnlockState()
		if err != nil {
			t.Fatal(err)
		}
		var snap struct {
			State state `json:"state"`
		}
		if err := json.Unmarshal(data, &snap); err != nil {
			t.Fatal(err)
		}
		var held, settled core.Tiyin
		for _, b := range snap.State.Bills {
			held += b.Held
			settled += b.Settled
		}
		if card.Held != held || card.Balance+card.Held+settled != startBal {
			t.Fatalf("snapshot %d: card available %d held %d, bills held %d settled %d", snaps, card.Balance, card.Held, held, settled)
		}
	}
	if snaps < 2 {
		t.Fatalf("only %d snapshots", snaps)
	}
}
