package aloqa

import (
	"context"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/aloqa"
	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// trigger provokes one documented error and returns it.
type trigger func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error

// Small steps the triggers share.

func addCard(pan, expiry, phone string) trigger {
	return func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		_, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: pan, Expiry: expiry, Phone: phone})
		return err
	}
}

// debitFrom binds pan and debits amount from it.
func debitFrom(pan string, amount int64) trigger {
	return func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		_, err := c.Debit(ctx, debitParams(bind(ctx, env, c, pan), amount))
		return err
	}
}

// transferTo binds the healthy UZCARD and sends to recipient on the
// recipient's route.
func transferTo(recipient, expiry string) trigger {
	return func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		route := aloqa.Uzcard2Uzcard
		if recipient[:4] == "9860" {
			route = aloqa.Uzcard2Humo
		}
		_, err := c.Transfer(ctx, route, &aloqa.TransferParams{Token: bind(ctx, env, c, "8600000000000001"), PAN: recipient, Expiry: expiry, Amount: 10_000})
		return err
	}
}

func feeInfo(pan, pan2, phone string, amount int64) trigger {
	return func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		_, err := c.FeeInfo(ctx, &aloqa.FeeInfoParams{PAN: pan, PAN2: pan2, Phone: phone, Amount: amount})
		return err
	}
}

func rawBody(path, body string) trigger {
	return func(ctx context.Context, env *fixtures.Env, _ *aloqa.Client) error {
		user, pass := credentials()
		return raw(ctx, env, path, body, user, pass)
	}
}

// onDebit binds the healthy card, debits (p adjusts the params) and runs then on the transaction.
func onDebit(adjust func(*aloqa.DebitParams), then func(ctx context.Context, env *fixtures.Env, c *aloqa.Client, id int64) error) trigger {
	return func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		p := debitParams(bind(ctx, env, c, "8600000000000001"), 10_000)
		if adjust != nil {
			adjust(p)
		}
		r, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		return then(ctx, env, c, r.TransactionID)
	}
}

func hold(p *aloqa.DebitParams)    { p.IsHold = true }
func withSMS(p *aloqa.DebitParams) { p.ForceSMSConfirmation = true }
func latest(ctx context.Context, env *fixtures.Env) string {
	code, err := env.Admin.LatestCode(ctx, phone1)
	Expect(err).NotTo(HaveOccurred())
	return code
}

// triggers: the natural (N) and magic-card (M) way to each code. R codes
// are armed as faults (below); a catalogue code with no way in fails the
// "has a trigger" spec.
var triggers = map[string]trigger{
	"-32700": rawBody("/cards/add", `{"pan":`),
	"-32600": rawBody("/cards/add", `["pan"]`),
	"-32601": rawBody("/cards/no-such-method", `{}`),
	"-32504": func(ctx context.Context, env *fixtures.Env, _ *aloqa.Client) error {
		return raw(ctx, env, "/cards/add", `{}`, "sandbox", "not-the-password")
	},
	"-32300": addCard("8600000000000001", "0727", ""),
	"-32301": func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		_, err := c.Debit(ctx, debitParams("00000000-0000-0000-0000-000000000000", 1000))
		return err
	},
	"-32302": func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		_, err := c.RecipientInfo(ctx, "8600000000009999")
		return err
	},
	"-32303": addCard("8600000000000001", "0727", "12345"),
	"-32304": addCard("86000000001", "0727", phone1),
	"-32305": addCard("8600000000000001", "1327", phone1),
	"-32308": func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		sent, err := c.AddCard(ctx, &aloqa.AddCardParams{PAN: "8600000000000001", Expiry: "0727", Phone: phone1})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.ConfirmAddCard(ctx, &aloqa.ConfirmParams{TransactionID: sent.TransactionID, Code: "not-it"})
		return err
	},
	"-32309": debitFrom("8600000000000002", 1000),
	"-32310": debitFrom("8600000000000003", 1000),
	"-32311": addCard("8600000000000005", "0727", phone1),
	"-32312": onDebit(nil, func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client, id int64) error {
		_, err := c.ChargeHold(ctx, id)
		return err
	}),
	"-32313": onDebit(nil, func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client, id int64) error {
		Expect(c.ReverseDebit(ctx, id)).To(Succeed())
		return c.ReverseDebit(ctx, id)
	}),
	"-32314": func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error { return c.ReverseDebit(ctx, 1) },
	"-32318": debitFrom("8600000000000022", 1000),
	"-32324": func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		earlyInTheYear(ctx, env) // so the card (2027-07) outlives the token
		tok := bind(ctx, env, c, "8600000000000001")
		_, err := env.Admin.AdvanceClock(ctx, 8760*time.Hour)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Debit(ctx, debitParams(tok, 1000))
		return err
	},
	"-32327": addCard("8600000000000006", "0727", phone1),
	"-32328": debitFrom("8600000000000001", 99),
	"-32329": debitFrom("8600000000000001", 10_000_000_001),
	"-32330": onDebit(hold, func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client, id int64) error {
		return c.ReverseDebit(ctx, id)
	}),
	"-32332": func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		_, err := c.Entry(ctx, "000000000000000000000000")
		return err
	},
	"-32333": addCard("8600000000000001", "0727", phone2),
	"-32335": addCard("8600000000009999", "0727", phone1),
	"-32336": addCard("8600000000000004", "0120", phone1),
	"-32337": debitFrom("8600000000000007", 1000),
	"-32338": debitFrom("8600000000000023", 1000),
	// 9860000000000023 as a sender would also match the slow-card rule of
	// card ...24 (the rules engine compares 16-digit PANs as float64; see
	// docs/aloqa.md), so the HUMO vendor-down code is shown on the recipient.
	"-32339": transferTo("9860000000000023", "2707"),
	"-32341": debitFrom("8600000000000009", 1000),
	"-32347": addCard("8600000000000001", "0827", phone1),
	"-32348": debitFrom("8600000000000010", 1000),
	"-32350": func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		_, err := c.Monitoring(ctx, &aloqa.MonitoringParams{Tokens: []string{bind(ctx, env, c, "8600000000000001")}, From: "2026-03-02", To: "2026-03-01"})
		return err
	},
	"-32354": transferTo("8600000000000006", "2707"),
	"-32357": feeInfo("8600000000000001", "8600000000000030", phone2, 5000),
	"-32361": feeInfo("8600000000009999", "8600000000000030", phone1, 5000),
	"-32362": func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		p := debitParams(bind(ctx, env, c, "8600000000000001"), 1000)
		p.TerminalID = "00000000"
		_, err := c.Debit(ctx, p)
		return err
	},
	"-32364": func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		p := debitParams(bind(ctx, env, c, "8600000000000001"), 10_000)
		p.ForceSMSConfirmation = true
		_, err := c.Debit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Debit(ctx, p) // the first still awaits its code
		return err
	},
	"-32365": onDebit(withSMS, func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client, id int64) error {
		_, err := c.ChargeHold(ctx, id)
		return err
	}),
	"-32368": debitFrom("8600000000000001", 0),
	"-32372": addCard("8600000000000019", "0727", phone1),
	"-32374": transferToRoute(aloqa.Uzcard2Uzcard, "9860000000000030"),
	"-32382": debitFrom("8600000000000018", 10_001),
	"-32385": debitFrom("8600000000000001", -1),
	"-32387": func(ctx context.Context, _ *fixtures.Env, c *aloqa.Client) error {
		_, err := c.RecipientInfo(ctx, "4400000000000001")
		return err
	},
	"-32388": debitFrom("8600000000000008", 1000),
	"-32389": transferTo("8600000000000005", "2707"),
	"-32390": transferTo("9860000000000015", "2707"),
	"-32392": onDebit(withSMS, func(ctx context.Context, env *fixtures.Env, c *aloqa.Client, id int64) error {
		p := &aloqa.ConfirmDebitParams{TransactionID: id, Code: latest(ctx, env)}
		_, err := c.ConfirmDebit(ctx, p)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.ConfirmDebit(ctx, p)
		return err
	}),
	"-32398": transferTo("8600000000000017", "2707"),
	"-32399": transferTo("9860000000000016", "2707"),
	"-32402": transferTo("8600000000000008", "2707"),
	"-32403": debitFrom("8600000000000020", 1000),
	"-32404": transferTo("8600000000000004", "2001"),
	"-32405": transferTo("8600000000000009", "2707"),
	"-32406": debitFrom("9860000000000021", 1000),
	"-32407": debitFrom("8600000000000014", 1000),
	"-32408": transferTo("9860000000000003", "2707"),
	"-32409": debitFrom("8600000000000013", 1000),
}

func transferToRoute(route aloqa.Route, recipient string) trigger {
	return func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		_, err := c.Transfer(ctx, route, &aloqa.TransferParams{Token: bind(ctx, env, c, "8600000000000001"), PAN: recipient, Expiry: "2707", Amount: 10_000})
		return err
	}
}

// armed is the R-class trigger: arm the code as a one-shot fault on
// p2p/fee-info, then ask for a valid quote.
func armed(code string) trigger {
	return func(ctx context.Context, env *fixtures.Env, c *aloqa.Client) error {
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: provider, Operation: []string{"p2p/fee-info"}, Error: code})
		Expect(err).NotTo(HaveOccurred())
		return feeInfo("8600000000000001", "8600000000000030", phone1, 5000)(ctx, env, c)
	}
}

func catalogue() *contracts.Catalogue {
	cat, err := contracts.LoadCatalogue(provider)
	if err != nil {
		panic(err)
	}
	return cat
}

// catalogueEntries is one table entry per catalogue code, generated.
func catalogueEntries() []TableEntry {
	var out []TableEntry
	for _, e := range catalogue().Entries {
		out = append(out, Entry(e.Code+" ("+e.Class+") "+e.Trigger, e))
	}
	return out
}

func triggerFor(e contracts.Entry) (trigger, bool) {
	if e.Class == "R" {
		return armed(e.Code), true
	}
	t, ok := triggers[e.Code]
	return t, ok
}

var _ = Describe("AloqaGateway documented errors", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	It("has a trigger for every one of the catalogue's codes", func() {
		var missing []string
		for _, e := range catalogue().Entries {
			if _, ok := triggerFor(e); !ok {
				missing = append(missing, e.Code)
			}
		}
		Expect(missing).To(BeEmpty(), "catalogue codes with no trigger")
		Expect(catalogue().Entries).To(HaveLen(105))
	})

	DescribeTable("answers with the catalogue's envelope, status and text",
		func(e contracts.Entry) {
			t, ok := triggerFor(e)
			if !ok {
				Fail("no trigger for " + e.Code)
			}
			env := fixtures.New()
			ctx := fixtures.Ctx()
			err := t(ctx, env, newClient(env))
			want, _ := strconv.Atoi(e.Code)
			got := expectCode(err, want)
			Expect(got.Message).To(Equal(e.Messages["ru"]))
			Expect(got.HTTPStatus).To(Equal(e.Status))
		},
		catalogueEntries(),
	)
})
