package paysys

import (
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/paysys"
	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// trigger provokes one code and returns the HTTP status, the envelope and
// the request id it sent (nil when none can be echoed).
type trigger func(env *fixtures.Env) (int, map[string]any, any)

func payBody(id, account string, vendorID int64, amount string) string {
	return `{"id":"` + id + `","method":"pam.pay_by_cash","params":{"vendor_form":{"account":"` + account +
		`","currency":"UZS","amount":` + amount + `,"vendor_id":` + strconv.FormatInt(vendorID, 10) + `}}}`
}

// send posts a signed body whose id is "t-1".
func send(body string) trigger {
	return func(env *fixtures.Env) (int, map[string]any, any) {
		s, b := rpc(env, signed(), body)
		return s, b, "t-1"
	}
}

// viaFault arms the code on pam.pay_by_cash and sends a valid payout (R class).
func viaFault(code string) trigger {
	return func(env *fixtures.Env) (int, map[string]any, any) {
		_, err := env.Admin.ArmFault(fixtures.Ctx(), admin.Fault{Provider: provider, Operation: []string{"pam.pay_by_cash"}, Error: code})
		Expect(err).NotTo(HaveOccurred())
		s, b := rpc(env, signed(), payBody("t-1", "79123456789", vendor, "100"))
		Expect(paysysState(env).Balance).To(Equal(startBalance), "a rule error changes no state")
		return s, b, "t-1"
	}
}

// triggers: the natural or magic path for N and M codes (SCENARIOS.md §3),
// a fault for R.
var triggers = map[string]trigger{
	"-32300": send(`{"id":"t-1","method":"pam.pay_by_cash","params":{}}`),
	"-32303": func(env *fixtures.Env) (int, map[string]any, any) {
		s, b := rpc(env, signed(), payBody("t-1", "12ab", vendorID(), "100"))
		return s, b, "t-1"
	},
	"-32309": send(payBody("t-1", "79123456789", vendor, "1000000001")),
	"-32314": send(`{"id":"t-1","method":"pam.check_payment","params":{"agr_transaction_id":1}}`),
	"-32316": send(payBody("t-1", "998900000001", 1, "100")),
	"-32317": send(payBody("t-1", "998900000099", vendor, "100")),
	"-32319": send(payBody("t-1", "998900000010", 101597, "100")),
	"-32320": func(env *fixtures.Env) (int, map[string]any, any) {
		id, key := creds()
		s, b := rpc(env, http.Header{"Auth": {paysys.Sign(id, key, time.Now().Add(-10*time.Minute))}}, checkBody)
		return s, b, "auth-1"
	},
	"-32504": func(env *fixtures.Env) (int, map[string]any, any) {
		id, _ := creds()
		s, b := rpc(env, http.Header{"Auth": {paysys.Sign(id, "nope", time.Now())}}, checkBody)
		return s, b, "auth-1"
	},
	"-32600": send(`{"id":"t-1","params":{}}`),
	"-32601": send(`{"id":"t-1","method":"pam.nope","params":{}}`),
	"-32700": func(env *fixtures.Env) (int, map[string]any, any) {
		s, b := rpc(env, signed(), `{"id":"t-1","method":`)
		return s, b, nil
	},
}

// needsControl lists N/M triggers that use /__admin (R triggers all do).
var needsControl = map[string]bool{}

// needsMagic lists triggers that use the default scenario's magic values
// (SCENARIOS.md §3: vendor 1 unknown, 101597 blocked, wallet …099 unknown,
// a balance a large amount exceeds), which a real sandbox does not have.
var needsMagic = map[string]bool{"-32309": true, "-32316": true, "-32317": true, "-32319": true}

func catalogueEntries() []TableEntry {
	cat, err := contracts.LoadCatalogue(provider)
	if err != nil {
		panic(err)
	}
	var out []TableEntry
	for _, e := range cat.Entries {
		args := []any{e}
		if e.Class == "R" || needsControl[e.Code] {
			args = append(args, fixtures.NeedsControl)
		}
		if needsMagic[e.Code] {
			args = append(args, fixtures.NeedsMagic)
		}
		out = append(out, Entry(e.Code+" "+e.Messages["ru"]+" ("+e.Class+")", args...))
	}
	return out
}

func init() {
	cat, err := contracts.LoadCatalogue(provider)
	if err != nil {
		panic(err)
	}
	for _, e := range cat.Entries {
		if e.Class == "R" {
			if _, ok := triggers[e.Code]; !ok {
				triggers[e.Code] = viaFault(e.Code)
			}
		}
	}
}

var _ = Describe("PaySys documented errors", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("has a trigger for every catalogue code", func() {
		cat, err := contracts.LoadCatalogue(provider)
		Expect(err).NotTo(HaveOccurred())
		for _, code := range cat.Codes() {
			Expect(triggers).To(HaveKey(code), "catalogue code %s has no trigger", code)
		}
		Expect(cat.Has("-32602")).To(BeFalse(), "D-4: -32602 is never emitted")
	})

	DescribeTable("answers each code in the JSON-RPC error envelope",
		func(e contracts.Entry) {
			trig, ok := triggers[e.Code]
			Expect(ok).To(BeTrue(), "no trigger for %s", e.Code)
			status, body, id := trig(env)
			Expect(status).To(Equal(e.Status))
			want, _ := strconv.Atoi(e.Code)
			if id == nil {
				Expect(body).To(HaveKeyWithValue("id", BeNil()), "no id can be read from a body that is not JSON")
			} else {
				Expect(body).To(HaveKeyWithValue("id", id), "PS-9: the request id is echoed")
			}
			Expect(body).To(HaveKeyWithValue("result", BeNil()))
			Expect(body["error"]).To(Equal(map[string]any{"code": float64(want), "message": e.Messages["ru"]}))
		},
		catalogueEntries(),
	)
})
