package requisites

import (
	"regexp"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

func TestOrderLifecycle(t *testing.T) {
	tests := []struct {
		name        string
		out         Outcome
		wantFinal   Status
		wantBalance int64 // after settling, from 10 000 000 000
	}{
		{"default posts", Outcome{}, StatusPosted, 10_000_000_000 - 520_000},
		{"refused is refunded", Outcome{Final: StatusDeleted}, StatusDeleted, 10_000_000_000},
		{"final_status null stays entered", Outcome{Stay: true}, StatusEntered, 10_000_000_000 - 520_000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := mustService(t)
			o := mustPay(t, s, goodPayment("o1"), tc.out)
			if got, want := o.Status, StatusEntered; got != want {
				t.Fatalf("new order status = %s, want %s", got, want)
			}
			if got, want := int64(mustBalance(t, s, "34")), int64(10_000_000_000-520_000); got != want {
				t.Errorf("balance after pay = %d, want %d", got, want)
			}
			clk.Advance(4 * time.Second)
			if got, _ := s.Order("o1"); got.Status != StatusEntered {
				t.Errorf("status at 4 s = %s, want Введен (settle_after 5 s, D-6)", got.Status)
			}
			clk.Advance(time.Second)
			got, err := s.Order("o1")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != tc.wantFinal {
				t.Errorf("status at 5 s = %s, want %s", got.Status, tc.wantFinal)
			}
			if got, want := int64(mustBalance(t, s, "34")), tc.wantBalance; got != want {
				t.Errorf("balance after settling = %d, want %d", got, want)
			}
			clk.Advance(time.Hour)
			if again, _ := s.Order("o1"); again.Status != tc.wantFinal {
				t.Errorf("status moved again to %s", again.Status)
			}
			if got, want := int64(mustBalance(t, s, "34")), tc.wantBalance; got != want {
				t.Errorf("balance an hour later = %d, want %d (refund applied once)", got, want)
			}
		})
	}
}

func TestPayOnce(t *testing.T) {
	s, _ := mustService(t)
	first := mustPay(t, s, goodPayment("dup"), Outcome{})
	pay, _ := s.Validate(goodPayment("dup"))
	_, err := s.Pay(pay, Outcome{})
	if got, want := codeOf(err), CodeSystem; got != want {
		t.Fatalf("repeated orderId: code %q, want %q (RQ-1)", got, want)
	}
	budget, _ := s.Validate(goodBudget("dup"))
	if _, err := s.Pay(budget, Outcome{}); codeOf(err) != CodeSystem {
		t.Errorf("the budget shares the orderId space: got %v", err)
	}
	if got, want := int64(mustBalance(t, s, "34")), int64(10_000_000_000-520_000); got != want {
		t.Errorf("balance = %d, want %d: debited once", got, want)
	}
	o, _ := s.Order("dup")
	if o.DocID != first.DocID {
		t.Errorf("the original order changed: %s vs %s", o.DocID, first.DocID)
	}
}

func TestPayConfiguredCodes(t *testing.T) {
	s, _ := mustService(t)
	s.settings.DuplicateOrderCode, s.settings.InsufficientBalanceCode = 2222, 2222
	mustPay(t, s, goodPayment("a"), Outcome{})
	pay, _ := s.Validate(goodPayment("a"))
	if _, err := s.Pay(pay, Outcome{}); codeOf(err) != CodeCritical {
		t.Errorf("duplicate with duplicate_order_code 2222: %v", err)
	}
	big := goodPayment("b")
	big.Amount = "10000000000"
	pay, _ = s.Validate(big)
	if _, err := s.Pay(pay, Outcome{}); codeOf(err) != CodeCritical {
		t.Errorf("over balance with insufficient_balance_code 2222: %v", err)
	}
}

func TestPayOverBalance(t *testing.T) {
	s, _ := mustService(t)
	p := goodPayment("all")
	p.Amount, p.Commission = "9999999999", "1" // exactly the balance
	mustPay(t, s, p, Outcome{})
	if got := mustBalance(t, s, "34"); got != 0 {
		t.Fatalf("balance = %d, want 0", got)
	}
	one := goodPayment("one")
	one.Amount, one.Commission = "1", "0"
	pay, _ := s.Validate(one)
	if _, err := s.Pay(pay, Outcome{}); codeOf(err) != CodeSystem {
		t.Errorf("1 tiyin over the balance: %v, want 1111 (RQ-8)", err)
	}
	if _, err := s.Order("one"); codeOf(err) != CodeNoData {
		t.Errorf("a refused payment left an order: %v", err)
	}
}

func TestDocIDShapes(t *testing.T) {
	s, _ := mustService(t)
	pay := mustPay(t, s, goodPayment("p"), Outcome{})
	budget := mustPay(t, s, goodBudget("b"), Outcome{})
	if !regexp.MustCompile(`^[0-9]{4}_[0-9]{10}$`).MatchString(pay.DocID) {
		t.Errorf("payment doc_id %q, want NNNN_NNNNNNNNNN (RQ-10)", pay.DocID)
	}
	if !regexp.MustCompile(`^[0-9]{10}$`).MatchString(budget.DocID) {
		t.Errorf("budget doc_id %q, want 10 digits (RQ-10)", budget.DocID)
	}
	again, _ := mustService(t)
	if o := mustPay(t, again, goodPayment("p"), Outcome{}); o.DocID != pay.DocID {
		t.Errorf("same seed, different doc_id: %s vs %s", o.DocID, pay.DocID)
	}
}

func TestOrderUnknown(t *testing.T) {
	s, _ := mustService(t)
	if _, err := s.Order("nope"); codeOf(err) != CodeNoData {
		t.Errorf("unknown orderId: %v, want 1008", err)
	}
}

func TestOutcomeFrom(t *testing.T) {
	tests := []struct {
		in   map[string]any
		want Outcome
	}{
		{nil, Outcome{}},
		{map[string]any{"final_status": nil}, Outcome{Stay: true}},
		{map[string]any{"final_status": "Удален"}, Outcome{Final: StatusDeleted}},
		{map[string]any{"final_status": "Проведен"}, Outcome{}},
	}
	for _, tc := range tests {
		if got := OutcomeFrom(tc.in); got != tc.want {
			t.Errorf("OutcomeFrom(%v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

// Amounts whose sum would overflow int64 are refused before any money
// moves: a wrapped total would pass the balance check as a negative number
// and raise the balance.
func TestPayHugeAmounts(t *testing.T) {
	tests := []struct{ name, amount, commission, want string }{
		{"halves that sum past int64", "4611686018427387904", "4611686018427387904", CodeMissingFields},
		{"int64 max plus a commission", "9223372036854775807", "1", CodeMissingFields},
		{"a commission past half of int64", "1", "4611686018427387905", CodeMissingFields},
		{"one tiyin over the balance, no overflow", "10000000000", "1", CodeSystem},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := mustService(t)
			p := goodPayment("huge")
			p.Amount, p.Commission = tc.amount, tc.commission
			pay, err := s.Validate(p)
			if err == nil {
				_, err = s.Pay(pay, Outcome{})
			}
			if got := codeOf(err); got != tc.want {
				t.Errorf("code %q (%v), want %s", got, err, tc.want)
			}
			if got, want := mustBalance(t, s, "34"), core.Tiyin(10_000_000_000); got != want {
				t.Errorf("balance %d, want %d untouched", got, want)
			}
		})
	}
}
