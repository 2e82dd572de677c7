package anorbank

import (
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// trigger provokes one documented error the way a user would: N and M codes
// through state, input or the default scenario's magic values, R codes
// through POST /__admin/faults. nested says whether the error arrives in a
// bmms HTTP 200 envelope (AN-1) or bare with its own status (D-1).
type trigger struct {
	nested bool
	fire   func(env *fixtures.Env, c *anorbank.Client) error
}

func checkOn(pan string, recipient int64, amount int64) func(*fixtures.Env, *anorbank.Client) error {
	return func(_ *fixtures.Env, c *anorbank.Client) error {
		_, err := c.Check(fixtures.Ctx(), &anorbank.CheckParams{RecipientID: recipient, Amount: amount, AgentTranID: tranID(), PAN: pan, Exp: expiry})
		return err
	}
}

func sendOTP(pan string) func(*fixtures.Env, *anorbank.Client) error {
	return func(_ *fixtures.Env, c *anorbank.Client) error {
		_, err := c.SendOTP(fixtures.Ctx(), &anorbank.SendOTPParams{PAN: pan, Exp: expiry})
		return err
	}
}

// payTo checks amount at recipient on pan and pays it with the right code.
func payTo(pan string, recipient int64) func(*fixtures.Env, *anorbank.Client) error {
	return func(env *fixtures.Env, c *anorbank.Client) error {
		b, err := c.Check(fixtures.Ctx(), &anorbank.CheckParams{RecipientID: recipient, Amount: 1000, AgentTranID: tranID(), PAN: pan, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.Pay(fixtures.Ctx(), &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		return err
	}
}

// wrongPays sends n wrong codes to a fresh bill and returns the last error.
func wrongPays(n int, advance time.Duration) func(*fixtures.Env, *anorbank.Client) error {
	return func(env *fixtures.Env, c *anorbank.Client) error {
		b := check(c, cardOK, 1000)
		var err error
		for range n {
			if advance > 0 {
				_, aerr := env.Admin.AdvanceClock(fixtures.Ctx(), advance)
				Expect(aerr).NotTo(HaveOccurred())
			}
			_, err = c.Pay(fixtures.Ctx(), &anorbank.PayParams{BillID: b.ID, OTP: "wrong"})
		}
		return err
	}
}

// fault arms code once on get-user-cards (partnercardms: bare envelope).
func fault(code string) trigger {
	return trigger{fire: func(env *fixtures.Env, c *anorbank.Client) error {
		_, err := env.Admin.ArmFault(fixtures.Ctx(), admin.Fault{Provider: "anorbank", Operation: []string{"get-user-cards"}, Error: code})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.UserCards(fixtures.Ctx())
		return err
	}}
}

func rawErr(method, path, body string) func(*fixtures.Env, *anorbank.Client) error {
	return func(env *fixtures.Env, c *anorbank.Client) error {
		if e := raw(env, c, method, path, body); e != nil {
			return e
		}
		return nil
	}
}

var triggers = map[string]trigger{
	"parse error": {fire: rawErr("POST", "/services/bmms/api/agent/status", `{"billId":`)},
	"bad credentials": {fire: func(env *fixtures.Env, _ *anorbank.Client) error {
		_, err := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials("sandbox", "wrong")).Login(fixtures.Ctx())
		return err
	}},
	"phone exists":    fault("phone exists"),
	"invalid request": {fire: rawErr("POST", "/services/bmms/api/agent/status", `[{"billId": 1}]`)},
	"limit exceeded": {nested: true, fire: func(env *fixtures.Env, c *anorbank.Client) error {
		b := check(c, cardOK, 1000)
		_, err := c.Hold(fixtures.Ctx(), &anorbank.PayParams{BillID: b.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.TopUpHold(fixtures.Ctx(), &anorbank.TopUpParams{BillID: b.ID, Amount: 301, PAN: cardOK, Exp: expiry})
		return err
	}},
	"invalid password": fault("invalid password"),
	"invalid params": {nested: true, fire: func(_ *fixtures.Env, c *anorbank.Client) error {
		_, err := c.Status(fixtures.Ctx(), &anorbank.StatusParams{})
		return err
	}},
	"invalid rsa message": fault("invalid rsa message"),
	"object not found": {fire: func(_ *fixtures.Env, c *anorbank.Client) error {
		_, err := c.VerifyOTP(fixtures.Ctx(), &anorbank.VerifyOTPParams{ID: 1, OTP: "123456"})
		return err
	}},
	"not found":       {fire: rawErr("POST", "/services/bmms/api/agent/nowhere", `{}`)},
	"not_implemented": fault("not_implemented"),
	"bill not found": {nested: true, fire: func(_ *fixtures.Env, c *anorbank.Client) error {
		_, err := c.Status(fixtures.Ctx(), &anorbank.StatusParams{BillID: 1})
		return err
	}},
	"service not found":          {nested: true, fire: checkOn(cardOK, 999999, 100)},
	"service not active":         {nested: true, fire: checkOn(cardOK, 1002, 100)},
	"debit error":                {nested: true, fire: payTo(magic(20), shop)},
	"billing error":              {nested: true, fire: payTo(cardOK, 1003)},
	"billing error reversed":     {nested: true, fire: payTo(cardOK, 1004)},
	"billing error will reverse": {nested: true, fire: payTo(cardOK, 1005)},
	"billing error need reverse": {nested: true, fire: payTo(cardOK, 1006)},
	"card not found":             {nested: true, fire: checkOn("8600000000009999", shop, 100)},
	"card not active":            {nested: true, fire: checkOn(magic(3), shop, 100)},
	"card not valid":             {nested: true, fire: checkOn(magic(4), shop, 100)},
	"username not found":         fault("username not found"),
	"username exists":            fault("username exists"),
	"not card owner":             {fire: sendOTP(magic(11))},
	"not card owner sms_sent":    {fire: sendOTP(magic(12))},
	"bank not supported":         {nested: true, fire: checkOn(magic(6), shop, 100)},
	"bill not valid": {nested: true, fire: func(env *fixtures.Env, c *anorbank.Client) error {
		Expect(payTo(cardOK, shop)(env, c)).To(Succeed())
		st, err := c.Status(fixtures.Ctx(), &anorbank.StatusParams{AgentTranID: lastTran()})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.ReverseHold(fixtures.Ctx(), st.ID)
		return err
	}},
	"p2p request not valid": fault("p2p request not valid"),
	"card already exists": {fire: func(env *fixtures.Env, c *anorbank.Client) error {
		sent, err := c.SendOTP(fixtures.Ctx(), &anorbank.SendOTPParams{PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = c.VerifyOTP(fixtures.Ctx(), &anorbank.VerifyOTPParams{ID: sent.ID, OTP: latestCode(env)})
		Expect(err).NotTo(HaveOccurred())
		return sendOTP(cardOK)(env, c)
	}},
	"sms info is off": {nested: true, fire: checkOn(magic(5), shop, 100)},
	// D-17: a bill's expired code kills it (#33); #32 is verify-otp's.
	"code expired sms_sent": {fire: func(env *fixtures.Env, c *anorbank.Client) error {
		sent, err := c.SendOTP(fixtures.Ctx(), &anorbank.SendOTPParams{PAN: cardOK, Exp: expiry})
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.AdvanceClock(fixtures.Ctx(), 121*time.Second)
		Expect(err).NotTo(HaveOccurred())
		_, err = c.VerifyOTP(fixtures.Ctx(), &anorbank.VerifyOTPParams{ID: sent.ID, OTP: latestCode(env)})
		return err
	}},
	"code expired restart":              {nested: true, fire: wrongPays(1, 121*time.Second)},
	"code entry limit exceeded restart": {nested: true, fire: wrongPays(6, 0)},
	"activation code sent":              fault("activation code sent"), // D-14: verify-otp answers #36 instead
	"invalid code sms sent":             {nested: true, fire: wrongPays(3, 0)},
	"invalid code retry":                {nested: true, fire: wrongPays(1, 0)},
	"version not specified":             fault("version not specified"),
	"version not specified or invalid":  fault("version not specified or invalid"),
	"version too old":                   fault("version too old"),
	"pc error":                          {nested: true, fire: checkOn(magic(21), shop, 100)},
	"insufficient funds on deposit": {nested: true, fire: func(env *fixtures.Env, c *anorbank.Client) error {
		_, err := c.ExtPay(fixtures.Ctx(), &anorbank.ExtPayParams{AgentTranID: 1, Account: "20208000900100001001", MFO: "01183", Name: "x",
			PAN: cardOK, Exp: expiry, Amount: deposit(env) + 1})
		return err
	}},
	"insufficient funds": {nested: true, fire: checkOn(magic(2), shop, 100)},
	"internal error":     fault("internal error"),
	"unknown error":      fault("unknown error"),
	"object locked":      fault("object locked"),
	"timeout":            {nested: true, fire: checkOn(magic(22), shop, 100)},
}

// lastTran is the agentTranId tranID handed out last in this process.
func lastTran() string { return tranIDAt(tranSeq.Load()) }

func catalogueEntries() []TableEntry {
	cat, err := contracts.LoadCatalogue("anorbank")
	if err != nil {
		panic(err)
	}
	out := make([]TableEntry, 0, len(cat.Entries))
	for _, e := range cat.Entries {
		out = append(out, Entry(e.Code+" ("+e.Class+")", e.Code))
	}
	return out
}

var _ = Describe("Anor Bank documented errors", fixtures.Provider("anorbank"), func() {
	It("has a trigger for every catalogue entry", func() {
		cat, err := contracts.LoadCatalogue("anorbank")
		Expect(err).NotTo(HaveOccurred())
		Expect(cat.Entries).To(HaveLen(47))
		for _, code := range cat.Codes() {
			Expect(triggers).To(HaveKey(code), "catalogue code %q has no trigger in the suite", code)
		}
		Expect(triggers).To(HaveLen(len(cat.Entries)), "a trigger for a code that is not in the catalogue")
	})

	DescribeTable("every entry, with its envelope, status and texts", fixtures.NeedsControl,
		func(code string) {
			env := fixtures.New()
			c := newClient(env)
			cat, err := contracts.LoadCatalogue("anorbank")
			Expect(err).NotTo(HaveOccurred())
			want, _ := cat.Lookup(code)
			tr, ok := triggers[code]
			Expect(ok).To(BeTrue(), "no trigger for %q", code)
			if want.Class == "R" {
				Expect(tr.nested).To(BeFalse())
			}
			err = tr.fire(env, c)
			httpStatus := want.Status
			if tr.nested {
				httpStatus = 200
			}
			e := expectCode(err, code, httpStatus)
			Expect(e.Status).To(Equal(want.Status))
			Expect(e.Title).To(Equal(want.Title))
			Expect(e.Langs).To(Equal(anorbank.Langs{UZ: want.Messages["uz"], EN: want.Messages["en"], RU: want.Messages["ru"]}))
			if tr.nested {
				Expect(e.ID).NotTo(BeNil(), "AN-1: a nested error carries an id")
			}
		},
		catalogueEntries(),
	)
})
