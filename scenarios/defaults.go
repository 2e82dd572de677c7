package scenarios

//go:generate go run ./gen

import "time"

// DefaultSeed is the seed of a scenario that names none.
const DefaultSeed = 1

// defaultHoldTTL is D-18's 30 days: card processing releases stale holds.
const defaultHoldTTL = 30 * 24 * time.Hour

// DefaultSettings are the settings in force for every key a scenario leaves
// out (SCENARIOS.md §1). This is the one place they are written: Load
// decodes the file over them, so a key the file writes, zero included, is
// the value in force, and GET /__admin/scenario shows the result.
func DefaultSettings() Settings {
	return Settings{
		Clock: ClockSettings{Start: "now", Mode: "running"},
		OTP:   OTPSettings{Length: 6, TTL: Duration(120 * time.Second), MaxAttempts: 3, Resends: 1},
		Anorbank: AnorbankSettings{
			TokenTTL: Duration(86398 * time.Second), RefreshTTL: Duration(172800 * time.Second),
			HoldTopUpLimit: 0.30, ReverseAfter: Duration(60 * time.Second), LoginErrors: "generic",
			HoldTTL: Duration(defaultHoldTTL),
		},
		Aloqa: AloqaSettings{
			MinAmount: 100, MaxAmount: 10_000_000_000, CardTokenTTL: Duration(8760 * time.Hour),
			HoldTTL: Duration(defaultHoldTTL),
		},
		Paysys:     PaysysSettings{Auth: []string{"signature", "basic"}, MaxSkew: Duration(5 * time.Minute), AuthTimestamp: PaysysTimestampAny},
		Requisites: RequisitesSettings{SettleAfter: Duration(5 * time.Second), DuplicateOrderCode: 1111, InsufficientBalanceCode: 1111},
	}
}

// applyCardDefaults fills what a card leaves out: vendor from the BIN,
// currency 860, active, processing ok, SMS-info on, balance 0.
func applyCardDefaults(s *Scenario) {
	for i := range s.Cards {
		c := &s.Cards[i]
		if c.Vendor == "" {
			c.Vendor = vendorOf(c.PAN)
		}
		if c.Currency == 0 {
			c.Currency = 860
		}
		if c.Status == "" {
			c.Status = "active"
		}
		if c.Processing == "" {
			c.Processing = "ok"
		}
		if c.SMS == nil {
			t := true
			c.SMS = &t
		}
		if c.Balance == nil {
			var zero int64
			c.Balance = &zero
		}
	}
}

func vendorOf(pan string) string {
	switch {
	case len(pan) >= 4 && pan[:4] == "8600":
		return "UZCARD"
	case len(pan) >= 4 && pan[:4] == "9860":
		return "HUMO"
	}
	return ""
}
