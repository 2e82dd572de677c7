package requisites

import "testing"

func TestValidate(t *testing.T) {
	s, _ := mustService(t)
	tests := []struct {
		name string
		edit func(*PaymentParams)
		want string
	}{
		{"valid payment", func(p *PaymentParams) {}, ""},
		{"valid budget", func(p *PaymentParams) { *p = goodBudget("b1") }, ""},
		{"optional card service without card fields", func(p *PaymentParams) {
			p.ServiceID, p.RefNumber, p.CardType, p.CardNumber = "33", "", "", ""
		}, ""},
		{"INN is optional on payment", func(p *PaymentParams) { p.INN = "" }, ""},
		{"commission 0", func(p *PaymentParams) { p.Commission = "0" }, ""},
		{"missing orderId", func(p *PaymentParams) { p.OrderID = "" }, CodeMissingFields},
		{"missing purpose", func(p *PaymentParams) { p.Purpose = "  " }, CodeMissingFields},
		{"missing amount", func(p *PaymentParams) { p.Amount = "" }, CodeMissingFields},
		{"missing commission", func(p *PaymentParams) { p.Commission = "" }, CodeMissingFields},
		{"missing receiverName", func(p *PaymentParams) { p.ReceiverName = "" }, CodeMissingFields},
		{"missing mfo", func(p *PaymentParams) { p.MFO = "" }, CodeMissingFields},
		{"budget missing purposeCode", func(p *PaymentParams) { *p = goodBudget("b1"); p.PurposeCode = "" }, CodeMissingFields},
		{"budget missing INN", func(p *PaymentParams) { *p = goodBudget("b1"); p.INN = "" }, CodeMissingFields},
		{"space in orderId (RQ-13)", func(p *PaymentParams) { p.OrderID = "A 1" }, CodeMissingFields},
		{"amount 0", func(p *PaymentParams) { p.Amount = "0" }, CodeMissingFields},
		{"negative amount", func(p *PaymentParams) { p.Amount = "-5" }, CodeMissingFields},
		{"fractional amount", func(p *PaymentParams) { p.Amount = "5.5" }, CodeMissingFields},
		{"huge amount", func(p *PaymentParams) { p.Amount = "99999999999999999999" }, CodeMissingFields},
		{"unknown service", func(p *PaymentParams) { p.ServiceID = "99" }, CodeServiceNotFound},
		{"non-numeric service", func(p *PaymentParams) { p.ServiceID = "x" }, CodeServiceNotFound},
		{"inactive service 37", func(p *PaymentParams) { p.ServiceID = "37" }, CodeServiceNotFound},
		{"unconfigured service 36", func(p *PaymentParams) { p.ServiceID = "36" }, CodeServiceNotSetUp},
		{"card service without refNumber", func(p *PaymentParams) { p.RefNumber = "" }, CodeMissingFields},
		{"bad cardType", func(p *PaymentParams) { p.CardType = "VISA" }, CodeMissingFields},
		{"short cardNumber", func(p *PaymentParams) { p.CardNumber = "986053155489667" }, CodeMissingFields},
		{"INN 5 digits", func(p *PaymentParams) { p.INN = "12345" }, CodeMissingFields},
		{"budget purposeCode 4 digits", func(p *PaymentParams) { *p = goodBudget("b1"); p.PurposeCode = "0951" }, CodeMissingFields},
		{"tab in receiverName", func(p *PaymentParams) { p.ReceiverName = "Te\tst" }, CodeReceiverNameChars},
		{"zero-width in receiverName", func(p *PaymentParams) { p.ReceiverName = "Te\u200bst" }, CodeReceiverNameChars},
		{"newline in purpose", func(p *PaymentParams) { p.Purpose = "a\nb" }, CodePurposeChars},
		{"budget: control in purpose", func(p *PaymentParams) { *p = goodBudget("b1"); p.Purpose = "a\x01" }, CodePurposeChars},
		{"unknown MFO", func(p *PaymentParams) { p.MFO = "01234" }, CodeBankNotSMP},
		{"MFO not 5 digits", func(p *PaymentParams) { p.MFO = "401" }, CodeBankNotSMP},
		{"non-SMP MFO 09999", func(p *PaymentParams) { p.MFO = "09999" }, CodeBankNotSMP},
		{"account 19 digits", func(p *PaymentParams) { p.Account = "2980100099024884444" }, CodeAccountNotFound},
		{"account with letters", func(p *PaymentParams) { p.Account = "2980100099024884444X" }, CodeAccountNotFound},
		{"budget account 20 digits (RQ-3)", func(p *PaymentParams) { *p = goodBudget("b1"); p.Account = "29801000599024884444" }, CodeAccountNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := goodPayment("o1")
			tc.edit(&p)
			_, err := s.Validate(p)
			if got, want := codeOf(err), tc.want; got != want {
				t.Errorf("code = %q, want %q (err %v)", got, want, err)
			}
		})
	}
}

func TestValidateKeepsValues(t *testing.T) {
	s, _ := mustService(t)
	pay, err := s.Validate(goodPayment("009445151277"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := pay.Total(), int64(520000); int64(got) != want {
		t.Errorf("Total = %d, want %d", got, want)
	}
	if got, want := pay.ServiceID, ServiceID(34); got != want {
		t.Errorf("ServiceID = %d, want %d", got, want)
	}
}
