// Package control holds the specs of the control API (/__admin) and of
// namespace isolation. Blank-imported by the suite.
package control

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

var _ = Describe("Control API", fixtures.NeedsControl, Label("core"), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("reports health with version, scenario and uptime", func() {
		h, err := env.Admin.Health(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		Expect(h.Status).To(Equal("ok"))
		Expect(h.Version).NotTo(BeEmpty())
		Expect(h.Scenario).To(Equal("default"))
		Expect(h.Namespace).To(Equal(env.Namespace))
		Expect(h.Providers).To(ContainElement("anorbank"))
	})

	It("moves the clock by advance and by set", func() {
		ctx := fixtures.Ctx()
		before, err := env.Admin.Now(ctx)
		Expect(err).NotTo(HaveOccurred())
		after, err := env.Admin.AdvanceClock(ctx, 24*time.Hour)
		Expect(err).NotTo(HaveOccurred())
		Expect(after.Sub(before)).To(BeNumerically("~", 24*time.Hour, 5*time.Second))
		at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
		set, err := env.Admin.SetClock(ctx, at)
		Expect(err).NotTo(HaveOccurred())
		Expect(set.Sub(at)).To(BeNumerically("~", 0, time.Second))
		now, err := env.Admin.Now(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(now.Sub(at)).To(BeNumerically("<", 5*time.Second))
	})

	It("rejects a clock request that is not a duration", func() {
		url := fixtures.Suite.Target.URL + "/ns/" + env.Namespace + "/__admin/clock"
		req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"advance":"soon"}`))
		Expect(err).NotTo(HaveOccurred())
		req.Header.Set("Content-Type", "application/json")
		fixtures.AuthorizeAdmin(req) // a server started with -admin-token answers 401 otherwise
		resp, err := http.DefaultClient.Do(req)
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(http.StatusBadRequest))
	})

	It("arms, lists and clears faults, and refuses codes outside the catalogue", func() {
		ctx := fixtures.Ctx()
		armed, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Operation: []string{"login"}, Error: "internal error", Times: 2})
		Expect(err).NotTo(HaveOccurred())
		Expect(armed).To(HaveLen(1))
		Expect(armed[0].Remaining).To(Equal(2))
		_, err = env.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Error: "no such detail"})
		var aerr *admin.Error
		Expect(err).To(BeAssignableToTypeOf(aerr))
		Expect(err.Error()).To(ContainSubstring("not in the anorbank catalogue"))
		Expect(env.Admin.ClearFaults(ctx)).To(Succeed())
		list, err := env.Admin.Faults(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(list).To(BeEmpty())
	})

	It("returns the scenario in force, accepts it back unchanged, and rejects an invalid one with every problem", func() {
		ctx := fixtures.Ctx()
		sc, err := env.Admin.Scenario(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(env.Admin.PutScenario(ctx, sc)).To(Succeed()) // D-9
		err = env.Admin.PutScenario(ctx, []byte("version: 1\nsettings: {otp: {ttll: 5s}}\ncards: [{pan: '12', expiry: 2027-07}]\n"))
		var aerr *admin.Error
		Expect(err).To(BeAssignableToTypeOf(aerr))
		aerr = err.(*admin.Error)
		Expect(aerr.HTTPStatus).To(Equal(http.StatusBadRequest))
		paths := []string{}
		for _, p := range aerr.Problems {
			paths = append(paths, p.Path)
		}
		Expect(paths).To(ContainElements("/settings/otp/ttll", "/cards/0/pan"))
		again, err := env.Admin.Scenario(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(again).To(MatchJSON(sc), "the previous scenario stays in force")
	})

	It("answers unknown top-level paths with a JSON 404 naming the prefixes", func() {
		resp, err := http.Get(fixtures.Suite.Target.URL + "/nope/x")
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		Expect(resp.StatusCode).To(Equal(http.StatusNotFound))
		Expect(string(body)).To(ContainSubstring(`"/anorbank"`))
		Expect(string(body)).To(ContainSubstring(`"/__admin"`))
	})

	It("serves the dashboard", func() {
		resp, err := http.Get(fixtures.Suite.Target.URL + "/ns/" + env.Namespace + "/")
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		Expect(resp.Header.Get("Content-Type")).To(HavePrefix("text/html"))
		Expect(string(body)).To(ContainSubstring("paysandbox"))
	})
})

var _ = Describe("Namespaces", fixtures.NeedsControl, Label("core"), func() {
	It("isolates clocks, journals and faults between namespaces", func() {
		a, b := fixtures.New(), fixtures.New()
		ctx := fixtures.Ctx()
		_, err := a.Admin.AdvanceClock(ctx, 240*time.Hour)
		Expect(err).NotTo(HaveOccurred())
		_, err = a.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Error: "timeout"})
		Expect(err).NotTo(HaveOccurred())
		ta, _ := a.Admin.Now(ctx)
		tb, _ := b.Admin.Now(ctx)
		Expect(ta.Sub(tb)).To(BeNumerically(">", 239*time.Hour))
		fb, err := b.Admin.Faults(ctx)
		Expect(err).NotTo(HaveOccurred())
		Expect(fb).To(BeEmpty())
	})

	It("resets one namespace back to the scenario's start", func() {
		env := fixtures.New()
		ctx := fixtures.Ctx()
		_, err := env.Admin.AdvanceClock(ctx, 48*time.Hour)
		Expect(err).NotTo(HaveOccurred())
		_, err = env.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Error: "timeout", Times: 3})
		Expect(err).NotTo(HaveOccurred())
		Expect(env.Admin.Reset(ctx)).To(Succeed())
		now, _ := env.Admin.Now(ctx)
		Expect(time.Until(now)).To(BeNumerically("<", time.Hour))
		faults, _ := env.Admin.Faults(ctx)
		Expect(faults).To(BeEmpty())
		reqs, _ := env.Admin.Requests(ctx, "", 10)
		Expect(reqs).To(BeEmpty())
	})

	It("keeps a namespace's replaced scenario to itself", func() {
		a, b := fixtures.New(), fixtures.New()
		ctx := fixtures.Ctx()
		Expect(a.Admin.PutScenario(ctx, []byte("version: 1\nname: tiny\n"))).To(Succeed())
		ha, _ := a.Admin.Health(ctx)
		hb, _ := b.Admin.Health(ctx)
		Expect(ha.Scenario).To(Equal("tiny"))
		Expect(hb.Scenario).To(Equal("default"))
	})

	It("rejects an invalid namespace name", func() {
		resp, err := http.Get(fmt.Sprintf("%s/ns/%s/__admin/health", fixtures.Suite.Target.URL, strings.Repeat("x", 65)))
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(http.StatusBadRequest))
	})
})
