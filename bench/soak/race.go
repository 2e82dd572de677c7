package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
)

// The race: raceWidth AloqaGateway debits of raceAmount at once on one
// card, half of them holds, worth more than the card has; the card must
// end with exactly what the acknowledged debits left.
const (
	raceNS     = "soak-race"
	raceWidth  = 500
	raceAmount = 5_000_000 // 500 × 50,000.00 som is 2.5 times the balance
	racePAN    = "8600000000000030"
	racePhone  = "998907654321"
)

// raceResult is one round's verdict.
type raceResult struct {
	debited, held int64 // acknowledged amounts
	ok, refused   int
	unanswered    int      // no answer within the client's timeout: outcome unknown to the client
	other         []string // answers that were neither success nor insufficient funds (first few)
	problem       string   // a broken money invariant or a wrong answer, "" when none
}

// cardState reads the race card's balance and hold from the control API.
func cardState(ctx context.Context, l *legit) (balance, held int64, err error) {
	a, err := do(ctx, l.c, "GET", l.base+"/__admin/state/cards", nil, nil)
	if err != nil {
		return 0, 0, err
	}
	var view struct {
		Cards []struct {
			PAN     string `json:"pan"`
			Balance int64  `json:"balance"`
			Held    int64  `json:"held"`
		} `json:"cards"`
	}
	if err := json.Unmarshal(a.body, &view); err != nil {
		return 0, 0, fmt.Errorf("state/cards: HTTP %d %.100s", a.status, a.body)
	}
	masked := racePAN[:6] + "******" + racePAN[12:]
	for _, c := range view.Cards {
		if c.PAN == masked {
			return c.Balance, c.Held, nil
		}
	}
	return 0, 0, fmt.Errorf("state/cards: no card %s", masked)
}

// raceRound resets the race namespace, binds the card and fires the
// debits together; l is a client of the race namespace holding raceWidth
// connections.
func raceRound(ctx context.Context, l *legit) raceResult {
	var r raceResult
	if a, err := do(ctx, l.c, "POST", l.base+"/__admin/reset", nil, []byte(`{}`)); err != nil || a.status != 200 {
		r.problem = fmt.Sprintf("reset: %v HTTP %d %.100s", err, a.status, a.body)
		return r
	}
	token, err := l.bindAloqa(ctx, legitCard{racePAN, "0727", racePhone})
	if err != nil {
		r.problem = err.Error()
		return r
	}
	before, heldBefore, err := cardState(ctx, l)
	if err != nil {
		r.problem = err.Error()
		return r
	}
	start := make(chan struct{})
	var mu sync.Mutex
	var wg sync.WaitGroup
	h := map[string]string{"Authorization": basic("sandbox", "sandbox")}
	for i := range raceWidth {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hold := i%2 == 0
			body, _ := json.Marshal(map[string]any{"token": token, "amount": raceAmount, "merchantId": "90000001",
				"terminalId": "91000001", "is_hold": hold, "force_sms_confirmation": false})
			<-start
			a, err := do(ctx, l.c, "POST", l.base+"/aloqa/transactions/debit", h, body)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil && a.status == 200 && strings.Contains(string(a.body), `"error":null`):
				r.ok++
				if hold {
					r.held += raceAmount
				} else {
					r.debited += raceAmount
				}
			case err == nil && a.status == 200 && strings.Contains(string(a.body), `"code":-32309`): // insufficient funds
				r.refused++
			case err != nil && ctx.Err() == nil:
				r.unanswered++
			default:
				if len(r.other) < 3 {
					r.other = append(r.other, fmt.Sprintf("%v HTTP %d %.100s", err, a.status, a.body))
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	r.problem = r.judge(ctx, l, before, heldBefore)
	return r
}

// judge checks the money after a round. With every debit answered, the
// card must have lost exactly the acknowledged debits and holds; a debit
// whose answer never came may or may not have happened, so then the card
// is held to the server's own books (the debits it lists), which must
// include every acknowledged one.
func (r *raceResult) judge(ctx context.Context, l *legit, before, heldBefore int64) string {
	after, heldAfter, err := cardState(ctx, l)
	if err != nil {
		return err.Error()
	}
	booked, bookedHeld, err := bookedDebits(ctx, l)
	if err != nil {
		return err.Error()
	}
	switch {
	case len(r.other) > 0:
		return "answers neither success nor insufficient funds: " + strings.Join(r.other, "; ")
	case after < 0 || heldAfter < 0:
		return fmt.Sprintf("negative: balance %d held %d", after, heldAfter)
	case heldAfter-heldBefore != bookedHeld || before-after != booked+bookedHeld:
		return fmt.Sprintf("card lost %d (held +%d), the server booked %d debited + %d held", before-after, heldAfter-heldBefore, booked, bookedHeld)
	case r.debited > booked || r.held > bookedHeld:
		return fmt.Sprintf("acknowledged %d debited + %d held, the server booked only %d + %d", r.debited, r.held, booked, bookedHeld)
	case r.unanswered == 0 && (r.debited != booked || r.held != bookedHeld):
		return fmt.Sprintf("every debit answered: acknowledged %d + %d, booked %d + %d", r.debited, r.held, booked, bookedHeld)
	}
	return ""
}

// bookedDebits sums what GET /__admin/state/aloqa lists for the race card
// (the namespace was reset, so every debit there is this round's).
func bookedDebits(ctx context.Context, l *legit) (debited, held int64, err error) {
	a, err := do(ctx, l.c, "GET", l.base+"/__admin/state/aloqa", nil, nil)
	if err != nil {
		return 0, 0, err
	}
	var view struct {
		Debits []struct {
			Amount int64  `json:"amount"`
			State  string `json:"state"`
		} `json:"debits"`
	}
	if err := json.Unmarshal(a.body, &view); err != nil {
		return 0, 0, fmt.Errorf("state/aloqa: HTTP %d %.100s", a.status, a.body)
	}
	for _, d := range view.Debits {
		switch d.State {
		case "DEBITED":
			debited += d.Amount
		case "HELD":
			held += d.Amount
		case "FAILED": // refused: no money moved
		default:
			return 0, 0, fmt.Errorf("state/aloqa: a race debit in state %q", d.State)
		}
	}
	return debited, held, nil
}

// raceLoop runs rounds every interval until ctx ends.
func raceLoop(ctx context.Context, base string, every time.Duration, report func(raceResult)) {
	l := &legit{base: base + "/ns/" + raceNS, c: newClient(raceWidth, 60*time.Second), stats: newOpStats()}
	defer l.c.CloseIdleConnections()
	warmUp(ctx, l)
	for ctx.Err() == nil {
		r := raceRound(ctx, l)
		if ctx.Err() != nil {
			return // cut short by the end of the run: no verdict
		}
		report(r)
		select {
		case <-ctx.Done():
		case <-time.After(every):
		}
	}
}

// warmUp opens the race's raceWidth connections before the connection hog
// starts: a new connection waits while every -max-conns slot is held.
func warmUp(ctx context.Context, l *legit) {
	var wg sync.WaitGroup
	for range raceWidth {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = do(ctx, l.c, "GET", l.base+"/__admin/health", nil, nil)
		}()
	}
	wg.Wait()
}
