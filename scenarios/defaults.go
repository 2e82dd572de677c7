package scenarios

import "time"

// applyDefaults fills every setting the file left out (SCENARIOS.md §1).
func applyDefaults(s *Scenario) {
	if s.Seed == 0 {
		s.Seed = 1
	}
	st := &s.Settings
	setStr(&st.Clock.Start, "now")
	setStr(&st.Clock.Mode, "running")
	setInt(&st.OTP.Length, 6)
	setDur(&st.OTP.TTL, 120*time.Second)
	setInt(&st.OTP.MaxAttempts, 3)
	if st.OTP.Resends == nil {
		n := otpResendsDefault
		st.OTP.Resends = &n
	}
	setDur(&st.Anorbank.TokenTTL, 86398*time.Second)
	setDur(&st.Anorbank.RefreshTTL, 172800*time.Second)
	if st.Anorbank.HoldTopUpLimit == 0 {
		st.Anorbank.HoldTopUpLimit = 0.30
	}
	setDur(&st.Anorbank.ReverseAfter, 60*time.Second)
	setStr(&st.Anorbank.LoginErrors, "generic")
	if st.Aloqa.MinAmount == 0 {
		st.Aloqa.MinAmount = 100
	}
	if st.Aloqa.MaxAmount == 0 {
		st.Aloqa.MaxAmount = 10_000_000_000
	}
	setDur(&st.Aloqa.CardTokenTTL, 8760*time.Hour)
	if len(st.Paysys.Auth) == 0 {
		st.Paysys.Auth = []string{"signature", "basic"}
	}
	setDur(&st.Paysys.MaxSkew, 5*time.Minute)
	setStr(&st.Paysys.AuthTimestamp, PaysysTimestampAny)
	setDur(&st.Requisites.SettleAfter, 5*time.Second)
	setInt(&st.Requisites.DuplicateOrderCode, 1111)
	setInt(&st.Requisites.InsufficientBalanceCode, 1111)
	for i := range s.Cards {
		c := &s.Cards[i]
		if c.Vendor == "" {
			c.Vendor = vendorOf(c.PAN)
		}
		if c.Currency == 0 {
			c.Currency = 860
		}
		setStr(&c.Status, "active")
		setStr(&c.Processing, "ok")
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

// otpResendsDefault applies when the file has no otp.resends (0 is a real
// value: no resend).
const otpResendsDefault = 1

func vendorOf(pan string) string {
	switch {
	case len(pan) >= 4 && pan[:4] == "8600":
		return "UZCARD"
	case len(pan) >= 4 && pan[:4] == "9860":
		return "HUMO"
	}
	return ""
}

func setStr(p *string, v string) {
	if *p == "" {
		*p = v
	}
}

func setInt(p *int, v int) {
	if *p == 0 {
		*p = v
	}
}

func setDur(p *Duration, v time.Duration) {
	if *p == 0 {
		*p = Duration(v)
	}
}
