package anorbank

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/clients/anorbank"
	"github.com/paysandbox/paysandbox/testsuite/fixtures"
)

// newClient returns an Anor Bank client for env with the default (or live) agent.
func newClient(env *fixtures.Env) *anorbank.Client {
	user, pass := "sandbox", "sandbox"
	if fixtures.Suite.Target.IsLive() {
		lp := fixtures.Live("anorbank")
		user, pass = lp.Credentials.Username, lp.Credentials.Password.Reveal()
	}
	return anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials(user, pass))
}

// protectedStatus sends a bmms call with token and returns the HTTP status and body.
func protectedStatus(env *fixtures.Env, token string) (int, map[string]any) {
	req, err := http.NewRequest(http.MethodPost, env.BaseURL("anorbank")+"/services/bmms/api/agent/status", bytes.NewReader([]byte(`{"billId": 1}`)))
	Expect(err).NotTo(HaveOccurred())
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := env.HTTPClient("anorbank").Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var body map[string]any
	Expect(json.Unmarshal(data, &body)).To(Succeed(), string(data))
	return resp.StatusCode, body
}

func expectBadCredentials(err error) {
	var e *anorbank.Error
	Expect(errors.As(err, &e)).To(BeTrue(), "want *anorbank.Error, got %v", err)
	Expect(e.Detail).To(Equal("bad credentials"))
	Expect(e.HTTPStatus).To(Equal(http.StatusUnauthorized))
	Expect(e.Status).To(Equal(401))
	Expect(e.Langs).To(Equal(anorbank.Langs{UZ: "Noto'g'ri login yoki parol", EN: "Incorrect login or password", RU: "Неверный логин или пароль"}))
}

var _ = Describe("Anor Bank agent tokens", fixtures.Provider("anorbank"), func() {
	var env *fixtures.Env
	BeforeEach(func() { env = fixtures.New() })

	It("logs in with the documented envelope and a 86398 s token", Label("live-verified"), func() {
		t, err := newClient(env).Login(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		Expect(t.TokenType).To(Equal("bearer"))
		Expect(t.ExpiresIn).To(Equal(int64(86398)))
		Expect(t.Scope).To(Equal("openid"))
		Expect(t.AccessToken).To(HavePrefix("eyJ"))
		Expect(t.RefreshToken).NotTo(Equal(t.AccessToken))
	})

	It("answers any wrong login with bad credentials (401, all three languages)", func() {
		user := "sandbox"
		if fixtures.Suite.Target.IsLive() {
			user = fixtures.Live("anorbank").Credentials.Username
		}
		c := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials(user, "wrong"))
		_, err := c.Login(fixtures.Ctx())
		expectBadCredentials(err)
		c = anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials(fixtures.Unique("nobody"), "sandbox"))
		_, err = c.Login(fixtures.Ctx())
		expectBadCredentials(err)
	})

	It("rotates the refresh token: the new pair works, the used refresh token does not", func() {
		c := newClient(env)
		first, err := c.Login(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		second, err := c.Refresh(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		Expect(second.AccessToken).NotTo(Equal(first.AccessToken))
		Expect(second.ExpiresIn).To(Equal(int64(86398)))
		c.SetTokens(*first) // present the used refresh token again
		_, err = c.Refresh(fixtures.Ctx())
		expectBadCredentials(err)
	})

	It("refuses a missing or unknown bearer token on a bmms path with a bare 401", func() {
		for _, token := range []string{"", "not-a-token"} {
			status, body := protectedStatus(env, token)
			Expect(status).To(Equal(http.StatusUnauthorized))
			Expect(body).To(HaveKeyWithValue("detail", "bad credentials"))
			Expect(body).NotTo(HaveKey("result"), "D-1: auth errors are bare, never nested")
		}
	})

	It("expires the access token when the sandbox clock passes 86398 s", fixtures.NeedsControl, func() {
		c := newClient(env)
		t, err := c.Login(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred())
		status, _ := protectedStatus(env, t.AccessToken)
		Expect(status).To(Equal(http.StatusOK), "a fresh token passes authentication")

		_, err = env.Admin.AdvanceClock(fixtures.Ctx(), 86397*time.Second)
		Expect(err).NotTo(HaveOccurred())
		status, _ = protectedStatus(env, t.AccessToken)
		Expect(status).To(Equal(http.StatusOK), "still valid 1 s before expiry")

		_, err = env.Admin.AdvanceClock(fixtures.Ctx(), 2*time.Second)
		Expect(err).NotTo(HaveOccurred())
		status, body := protectedStatus(env, t.AccessToken)
		Expect(status).To(Equal(http.StatusUnauthorized))
		Expect(body).To(HaveKeyWithValue("detail", "bad credentials"))

		again, err := c.Refresh(fixtures.Ctx())
		Expect(err).NotTo(HaveOccurred(), "the refresh token outlives the access token")
		status, _ = protectedStatus(env, again.AccessToken)
		Expect(status).To(Equal(http.StatusOK))
	})

	It("tells username not found from invalid password when the scenario says detailed", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		Expect(env.Admin.PutScenario(ctx, []byte(`version: 1
settings: {anorbank: {login_errors: detailed}}
credentials: {anorbank: [{username: sandbox, password: sandbox}]}
`))).To(Succeed())
		_, err := anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials("sandbox", "nope")).Login(ctx)
		Expect(errors.Is(err, anorbank.ErrInvalidPassword)).To(BeTrue(), "%v", err)
		Expect(err.(*anorbank.Error).HTTPStatus).To(Equal(http.StatusUnauthorized))
		_, err = anorbank.New(env.BaseURL("anorbank"), anorbank.WithHTTPClient(env.HTTPClient("anorbank")), anorbank.WithCredentials("ghost", "sandbox")).Login(ctx)
		Expect(errors.Is(err, anorbank.ErrUsernameNotFound)).To(BeTrue(), "%v", err)
		Expect(err.(*anorbank.Error).Langs.RU).To(Equal("Пользователь не найден"))
	})

	It("answers an armed fault with the documented error once, then recovers", fixtures.NeedsControl, func() {
		ctx := fixtures.Ctx()
		_, err := env.Admin.ArmFault(ctx, admin.Fault{Provider: "anorbank", Operation: []string{"login"}, Error: "username not found"})
		Expect(err).NotTo(HaveOccurred())
		_, err = newClient(env).Login(ctx)
		Expect(errors.Is(err, anorbank.ErrUsernameNotFound)).To(BeTrue(), "%v", err)
		_, err = newClient(env).Login(ctx)
		Expect(err).NotTo(HaveOccurred())
		reqs, err := env.Admin.Requests(ctx, "anorbank", 2)
		Expect(err).NotTo(HaveOccurred())
		Expect(reqs[1].ErrorCode).To(Equal("username not found"))
		Expect(reqs[0].Status).To(Equal(http.StatusOK))
	})

	It("answers malformed JSON with parse error and a wrong type with invalid params", func() {
		for body, want := range map[string]string{`{"username":`: "parse error", `["x"]`: "invalid request", `{"username": 1, "password": "x"}`: "invalid params"} {
			resp, err := env.HTTPClient("anorbank").Post(env.BaseURL("anorbank")+"/api/ext/user/login", "application/json", bytes.NewReader([]byte(body)))
			Expect(err).NotTo(HaveOccurred())
			data, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			Expect(resp.StatusCode).To(Equal(http.StatusBadRequest), body)
			Expect(string(data)).To(ContainSubstring(`"detail":"` + want + `"`))
		}
	})
})
