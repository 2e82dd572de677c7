package control

import (
	"net/http"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// Issue 16: error coverage through the typed client.
var _ = Describe("Error coverage", fixtures.NeedsControl, Label("core"), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("counts what the namespace answered, and starts again at reset", func() {
		ctx := fixtures.Ctx()
		login := func(password string) {
			resp, err := env.HTTPClient("anorbank").Post(env.BaseURL("anorbank")+"/api/ext/user/login", "application/json",
				strings.NewReader(`{"username":"sandbox","password":"`+password+`"}`))
			Expect(err).NotTo(HaveOccurred())
			resp.Body.Close()
			if password != "sandbox" {
				Expect(resp.StatusCode).To(Equal(http.StatusUnauthorized))
			}
		}
		login("sandbox")
		login("wrong")
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Operation: []string{"login"}, Error: "timeout", Times: 1})
		Expect(err).NotTo(HaveOccurred())
		login("sandbox")

		cv, err := env.Admin.Coverage(ctx, admin.CoverageQuery{})
		Expect(err).NotTo(HaveOccurred())
		Expect(cv.Namespaces).To(Equal([]string{env.Namespace}))
		bad, ok := cv.Error("anorbank", "bad credentials")
		Expect(ok).To(BeTrue())
		Expect(bad.Count).To(Equal(1))
		Expect(bad.Via).To(Equal(map[string]int{"request": 1}))
		Expect(bad.Handling).To(Equal("fix-request"))
		timeout, _ := cv.Error("anorbank", "timeout")
		Expect(timeout.Count).To(Equal(1))
		Expect(timeout.Via).To(Equal(map[string]int{"fault": 1}))
		never, _ := cv.Error("anorbank", "insufficient funds")
		Expect(never.Count).To(BeZero())
		Expect(never.Trigger).NotTo(BeEmpty())

		Expect(env.Admin.Reset(ctx)).To(Succeed())
		cv, err = env.Admin.Coverage(ctx, admin.CoverageQuery{})
		Expect(err).NotTo(HaveOccurred())
		bad, _ = cv.Error("anorbank", "bad credentials")
		Expect(bad.Count).To(BeZero())
		cv, err = env.Admin.Coverage(ctx, admin.CoverageQuery{SinceStart: true})
		Expect(err).NotTo(HaveOccurred())
		bad, _ = cv.Error("anorbank", "bad credentials")
		Expect(bad.Count).To(Equal(1))
	})
})
