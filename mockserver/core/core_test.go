package core

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestPANNeverPrintsWhole(t *testing.T) {
	p := PAN("8600000000000001")
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "pan", p)
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%v %s", p, p), b.String()} {
		if strings.Contains(s, "8600000000000001") {
			t.Errorf("full PAN printed: %q", s)
		}
	}
}

func TestExpiry(t *testing.T) {
	ym := YearMonth{Year: 2027, Month: 7}
	if ym.MMYY() != "0727" || ym.YYMM() != "2707" {
		t.Fatalf("MMYY %s YYMM %s", ym.MMYY(), ym.YYMM())
	}
	// The month ends at midnight Tashkent (19:00 UTC) whatever zone t is in.
	lastValid := time.Date(2027, 7, 31, 23, 59, 59, 999999999, Tashkent)
	firstExpired := time.Date(2027, 8, 1, 0, 0, 0, 0, Tashkent)
	dec := YearMonth{Year: 2027, Month: 12}
	tests := []struct {
		name string
		exp  YearMonth
		at   time.Time
		want bool
	}{
		{"last instant, Tashkent", ym, lastValid, false},
		{"last instant, UTC", ym, lastValid.UTC(), false},
		{"last instant, UTC-4", ym, lastValid.In(time.FixedZone("EDT", -4*3600)), false},
		{"first instant, Tashkent", ym, firstExpired, true},
		{"first instant, UTC (19:00 on July 31)", ym, firstExpired.UTC(), true},
		{"UTC midnight, five hours on", ym, time.Date(2027, 8, 1, 0, 0, 0, 0, time.UTC), true},
		{"a month earlier", ym, time.Date(2027, 6, 30, 12, 0, 0, 0, time.UTC), false},
		{"December, before Tashkent new year", dec, time.Date(2027, 12, 31, 18, 59, 59, 0, time.UTC), false},
		{"December, Tashkent new year", dec, time.Date(2027, 12, 31, 19, 0, 0, 0, time.UTC), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.exp.ExpiredAt(tc.at); got != tc.want {
				t.Errorf("%v.ExpiredAt(%s) = %v, want %v", tc.exp, tc.at, got, tc.want)
			}
		})
	}
}

func TestDayOfIsTashkentDay(t *testing.T) {
	tests := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2027, 3, 1, 18, 59, 59, 0, time.UTC), "2027-03-01"},
		{time.Date(2027, 3, 1, 19, 0, 0, 0, time.UTC), "2027-03-02"}, // Tashkent midnight
		{time.Date(2027, 3, 2, 0, 0, 0, 0, Tashkent), "2027-03-02"},
		{time.Date(2027, 3, 1, 23, 0, 0, 0, time.FixedZone("X", -10*3600)), "2027-03-02"},
	}
	for _, tc := range tests {
		if got := DayOf(tc.at); got != tc.want {
			t.Errorf("DayOf(%s) = %s, want %s", tc.at, got, tc.want)
		}
	}
	if _, off := time.Date(2027, 7, 1, 0, 0, 0, 0, Tashkent).Zone(); off != 5*3600 {
		t.Errorf("Tashkent offset in July %d, want UTC+5 (no DST)", off)
	}
}

func TestErrorComparesCodes(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", Failf("bill not found", "id %d", 7))
	if !errors.Is(err, Fail("bill not found")) || errors.Is(err, Fail("bill not valid")) {
		t.Fatal("errors.Is must compare codes")
	}
	if code, ok := CodeOf(err); !ok || code != "bill not found" {
		t.Fatalf("CodeOf = %q, %v", code, ok)
	}
}

// Concurrent reserve/release/capture/debit/credit on one card never lose or
// invent money and never drive a balance negative.
func TestCardsConserveMoneyUnderConcurrency(t *testing.T) {
	pan := PAN("8600000000000001")
	cards := NewCards([]Card{{PAN: pan, Balance: 1_000_000}})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var captured, debited, credited Tiyin
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				amt := Tiyin(1 + (g*i)%997)
				switch i % 4 {
				case 0:
					if cards.Reserve(pan, amt) == nil {
						if i%8 == 0 {
							if cards.Capture(pan, amt) == nil {
								mu.Lock()
								captured += amt
								mu.Unlock()
							}
						} else {
							_ = cards.Release(pan, amt)
						}
					}
				case 1:
					if cards.Debit(pan, amt) == nil {
						mu.Lock()
						debited += amt
						mu.Unlock()
					}
				case 2:
					if cards.Credit(pan, amt) == nil {
						mu.Lock()
						credited += amt
						mu.Unlock()
					}
				case 3:
					_ = cards.Debit(pan, 10_000_000) // always refused: more than there is
				}
			}
		}()
	}
	wg.Wait()
	c, _ := cards.Get(pan)
	if c.Balance < 0 || c.Held != 0 {
		t.Fatalf("balance %d held %d", c.Balance, c.Held)
	}
	if got, want := c.Total(), 1_000_000+credited-debited-captured; got != want {
		t.Fatalf("total %d, want %d", got, want)
	}
}

func TestUpdateIsAllOrNothing(t *testing.T) {
	pan := PAN("8600000000000001")
	cards := NewCards([]Card{{PAN: pan, Balance: 100}})
	err := cards.Update(pan, func(c *Card) error {
		c.Balance = 0
		return errors.New("refused")
	})
	if c, _ := cards.Get(pan); err == nil || c.Balance != 100 {
		t.Fatalf("a failed update changed the card: %d", c.Balance)
	}
	if err := cards.Debit("0000", 1); !errors.Is(err, ErrCardNotFound) {
		t.Fatalf("unknown card: %v", err)
	}
}
