package paysys

import (
	"crypto/sha1"
	"encoding/hex"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// signSeconds signs as a public PHP client does: the timestamp in seconds
// (D-11), where §7 documents milliseconds.
func signSeconds(at time.Time) http.Header {
	id, key := creds()
	ts := strconv.FormatInt(at.Unix(), 10)
	sum := sha1.Sum([]byte(key + ts))
	return http.Header{"Auth": {id + "-" + hex.EncodeToString(sum[:]) + "-" + ts}}
}

// post sends body to base+path exactly as given.
func post(env *fixtures.Env, path string, h http.Header, body string) (int, http.Header, map[string]any) {
	GinkgoHelper()
	return exchange(env, http.MethodPost, path, h, []byte(body))
}

// What public PaySys client code sends (issue 11): a constant or small random
// id, null optional members, seconds timestamps, a base URL ending in `/`.
var _ = Describe("PaySys as public client code calls it", fixtures.Provider(provider), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	payout := `{"id":22,"method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","currency":null,"amount":5,"vendor_id":101596}}}`

	It("pays with a seconds timestamp, id 22 and a null currency, and reads the status", func() {
		status, _, out := post(env, "/gateway", signSeconds(time.Now()), payout)
		Expect(status).To(Equal(200))
		Expect(out).To(HaveKeyWithValue("id", 22.0))
		Expect(out["error"]).To(BeNil(), "D-11: seconds accepted; D-12: null currency is absent")
		tx := out["result"].(map[string]any)["details"].(map[string]any)["transaction_id"].(float64)
		_, _, out = post(env, "/gateway", signSeconds(time.Now()), `{"id":22,"method":"pam.check_payment","params":{"agr_transaction_id":`+strconv.FormatFloat(tx, 'f', 0, 64)+`}}`)
		Expect(out["result"].(map[string]any)["result"]).To(HaveKeyWithValue("status", 2.0))
	})

	It("serves the gateway behind a base URL ending in a slash", func() {
		status, _, out := post(env, "/gateway/", signed(), payout)
		Expect(status).To(Equal(200))
		Expect(out["error"]).To(BeNil())
		Expect(out["result"]).To(HaveKey("details"))
	})

	It("refuses a stale seconds timestamp with -32320", func() {
		_, _, out := post(env, "/gateway", signSeconds(time.Now().Add(-10*time.Minute)), payout)
		Expect(out["error"]).To(HaveKeyWithValue("code", -32320.0))
	})

	It("refuses an amount sent as a string with -32300, as the reference types it integer (D-20)", func() {
		_, _, out := post(env, "/gateway", signed(), `{"id":22,"method":"pam.pay_by_cash","params":{"vendor_form":{"account":"79123456789","amount":"5","vendor_id":101596}}}`)
		Expect(out["error"]).To(HaveKeyWithValue("code", -32300.0))
	})

	It("challenges for Basic on a 401 (D-19)", func() {
		status, h, out := post(env, "/gateway", http.Header{}, payout)
		Expect(status).To(Equal(http.StatusUnauthorized))
		Expect(out["error"]).To(HaveKeyWithValue("code", -32504.0))
		Expect(h.Get("WWW-Authenticate")).To(Equal(`Basic realm="paysys"`))
	})

	It("refuses seconds when settings.paysys.auth_timestamp is ms (D-11)", fixtures.NeedsControl, func() {
		Expect(env.Admin.PutScenario(fixtures.Ctx(), []byte(`version: 1
settings: {paysys: {auth_timestamp: ms}}
credentials: {paysys: [{service_id: sandbox, secret_key: sandbox}]}
`))).To(Succeed())
		_, _, out := post(env, "/gateway", signSeconds(time.Now()), payout)
		Expect(out["error"]).To(HaveKeyWithValue("code", -32320.0))
		_, _, out = post(env, "/gateway", signed(), checkBody)
		Expect(out["error"]).To(HaveKeyWithValue("code", -32314.0), "milliseconds still authenticate")
	})
})
