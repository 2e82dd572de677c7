package requisites

import (
	"errors"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/clock"
	"github.com/paysandbox/paysandbox/scenarios"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 0, core.Tashkent)

// mustService builds the default scenario's provider on a frozen clock.
func mustService(tb testing.TB) (*Service, *clock.Sandbox) { return serviceAt(tb, start) }

// serviceAt builds it on a clock frozen at at, seed 42.
func serviceAt(tb testing.TB, at time.Time) (*Service, *clock.Sandbox) {
	tb.Helper()
	sc, err := scenarios.Default(scenarios.Checks{})
	if err != nil {
		tb.Fatal(err)
	}
	clk := clock.NewSandbox(at, true, nil)
	env := core.Env{Namespace: "test", Seed: 42, Clock: clk, Log: slog.New(slog.DiscardHandler)}
	return New(env, sc), clk
}

// goodPayment is a valid payment to service 34 (WORKING_WITH_CARD).
func goodPayment(orderID string) PaymentParams {
	return PaymentParams{
		OrderID: orderID, ServiceID: "34", Amount: "500000", Commission: "20000",
		ReceiverName: "Test", MFO: "01091", Account: "29801000990248844444", INN: "123456789",
		Purpose: "Test 24/7", RefNumber: "016351273642", CardType: "HUMO", CardNumber: "9860531554896678",
	}
}

func goodBudget(orderID string) PaymentParams {
	return PaymentParams{
		Budget: true, OrderID: orderID, ServiceID: "33", Amount: "500000", Commission: "0",
		Account: "400522860262837950100251028", INN: "207099143", PurposeCode: "09510", Purpose: "За патент",
	}
}

func codeOf(err error) string {
	if err == nil {
		return ""
	}
	var e *core.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return "not a core.Error: " + err.Error()
}

func mustPay(tb testing.TB, s *Service, p PaymentParams, out Outcome) Order {
	tb.Helper()
	pay, err := s.Validate(p)
	if err != nil {
		tb.Fatalf("Validate: %v", err)
	}
	o, err := s.Pay(pay, out)
	if err != nil {
		tb.Fatalf("Pay: %v", err)
	}
	return o
}

func mustBalance(tb testing.TB, s *Service, id string) core.Tiyin {
	tb.Helper()
	b, err := s.Balance(id)
	if err != nil {
		tb.Fatalf("Balance(%s): %v", id, err)
	}
	return b
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
