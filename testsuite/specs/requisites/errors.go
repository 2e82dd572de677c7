package requisites

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// trigger provokes one documented code the way a user would: naturally, or
// with the default scenario's magic values (N and M codes never use faults).
type trigger func(env *fixtures.Env) reply

func pay(orderID string, edit func(map[string]any)) trigger {
	return func(env *fixtures.Env) reply {
		body := rawBody(orderID)
		edit(body)
		return call(env, http.MethodPost, "/api/v2/payment", body)
	}
}

func account(suffix string) func(map[string]any) {
	return func(b map[string]any) { b["receiverAccount"] = "2980100099024884" + suffix }
}

var triggers = map[string]trigger{
	"1001": func(env *fixtures.Env) reply { return call(env, http.MethodGet, "/api/v2/account/99/balance", nil) },
	"1002": func(env *fixtures.Env) reply { return call(env, http.MethodGet, "/api/v2/account/36/balance", nil) },
	"1004": func(env *fixtures.Env) reply {
		return send(env, http.MethodGet, "/api/v2/services", nil, "gray", "not-the-password")
	},
	"1008": func(env *fixtures.Env) reply { return call(env, http.MethodGet, "/api/v2/payment/no-such-order", nil) },
	"1009": func(env *fixtures.Env) reply {
		return send(env, http.MethodGet, "/api/v2/account/34/balance", nil, "limited", "p@ssw0rd")
	},
	"1013": pay("e-1013", func(b map[string]any) { b["receiverAccount"] = "2980100099024884444" }),
	"1014": pay("e-1014", func(b map[string]any) { b["mfoReceiver"] = "09999" }),
	"1015": pay("e-1015", func(b map[string]any) { b["receiverName"] = "Te\tst" }),
	"1016": pay("e-1016", func(b map[string]any) { b["purpose"] = "Test\n24/7" }),
	"1017": pay("e-1017", func(b map[string]any) { delete(b, "purpose") }),
	"3333": pay("e-3333", account("3333")),
	"2222": pay("e-2222", account("2222")),
	"1111": func(env *fixtures.Env) reply {
		first := call(env, http.MethodPost, "/api/v2/payment", rawBody("e-1111"))
		Expect(first.body).To(HaveKeyWithValue("status", "success"), first.text)
		return call(env, http.MethodPost, "/api/v2/payment", rawBody("e-1111"))
	},
}

// catalogueEntries makes one table entry per documented code, so a code
// added to contracts/errors/requisites.yaml gets a spec with no new test code.
func catalogueEntries() []TableEntry {
	cat, err := contracts.LoadCatalogue(provider)
	if err != nil {
		panic(err)
	}
	var out []TableEntry
	for _, e := range cat.Entries {
		out = append(out, Entry(fmt.Sprintf("%s %s (%s)", e.Code, e.Messages["ru"], e.Class), e.Code))
	}
	return out
}

var _ = Describe("Requisites documented errors", fixtures.Provider(provider), fixtures.NeedsControl, func() {
	It("has a trigger for every catalogue code, and no trigger for an unknown one", func() {
		cat, err := contracts.LoadCatalogue(provider)
		Expect(err).NotTo(HaveOccurred())
		for _, code := range cat.Codes() {
			Expect(triggers).To(HaveKey(code), "code %s has no trigger", code)
		}
		for code := range triggers {
			Expect(slices.Contains(cat.Codes(), code)).To(BeTrue(), "trigger for undocumented code %s", code)
		}
	})

	DescribeTable("answers each documented code in the envelope, with its status and text",
		func(code string) {
			env := fixtures.New()
			e, ok := contracts.MustLoad(provider).Catalogue.Lookup(code)
			Expect(ok).To(BeTrue())
			t, ok := triggers[code]
			Expect(ok).To(BeTrue(), "no trigger for %s", code)
			n, _ := strconv.Atoi(code)
			r := t(env)
			expectError(r, e.Status, n, e.Messages["ru"])
			if code != "1111" {
				Expect(balance(env, 34)).To(Equal(startBalance), "an error moves no money")
			}
		},
		catalogueEntries(),
	)
})
