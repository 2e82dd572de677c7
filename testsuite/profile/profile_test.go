package profile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

const good = `version: 1
providers:
  anorbank:
    base_url: ${BASE}/anorbank/
    credentials: {username: agent, password: "${ANOR_PASSWORD}"}
    cards: [{pan: "8600000000000001", expiry: "0727", phone: "998901234567"}]
    recipient_id: 1001
    amount: 100000
    otp: {fixed: "123456"}
  paysys:
    base_url: http://127.0.0.1:1/paysys
    credentials: {service_id: svc, secret_key: "k$$y"}
    vendor_id: 101596
    wallets: [{account: "79123456789"}]
    poll: {every: 1s, for: 2m}
`

// MustLoad loads src with env or fails the test.
func MustLoad(tb testing.TB, src string, env map[string]string) *Profile {
	tb.Helper()
	p, err := Load("live.yaml", []byte(src), envOf(env))
	if err != nil {
		tb.Fatalf("load: %v", err)
	}
	return p
}

func TestLoadExpandsAndDecodes(t *testing.T) {
	p := MustLoad(t, good, map[string]string{"BASE": "http://127.0.0.1:9", "ANOR_PASSWORD": "s3cret"})
	a := p.Providers["anorbank"]
	if got, want := a.BaseURL, "http://127.0.0.1:9/anorbank"; got != want {
		t.Errorf("base_url = %q, want %q", got, want)
	}
	if got, want := a.Credentials.Password.Reveal(), "s3cret"; got != want {
		t.Errorf("password = %q, want %q", got, want)
	}
	if got, want := p.Providers["paysys"].Credentials.SecretKey.Reveal(), "k$y"; got != want {
		t.Errorf("$$ = %q, want %q", got, want)
	}
	if got, want := p.Named, []string{"anorbank", "paysys"}; !slices.Equal(got, want) {
		t.Errorf("named = %v, want %v", got, want)
	}
	if got, want := p.Providers["paysys"].Poll.For.D().String(), "2m0s"; got != want {
		t.Errorf("poll.for = %s, want %s", got, want)
	}
}

func TestLoadReportsEveryProblemWithPath(t *testing.T) {
	env := map[string]string{"BASE": "http://127.0.0.1:9", "ANOR_PASSWORD": "s3cret"}
	tests := []struct {
		name string
		edit func(string) string
		want []string
	}{
		{"unknown top-level key", func(s string) string { return s + "extra: 1\n" }, []string{"live.yaml: /extra: unknown key"}},
		{"typo'd provider", func(s string) string { return strings.Replace(s, "  paysys:", "  paysis:", 1) }, []string{"live.yaml: /providers/paysis: unknown key"}},
		{"typo'd key in a provider", func(s string) string { return strings.Replace(s, "recipient_id", "recepient_id", 1) }, []string{"live.yaml: /providers/anorbank/recepient_id: unknown key"}},
		{"key of another provider", func(s string) string {
			return strings.Replace(s, "    vendor_id: 101596", "    vendor_id: 101596\n    recipient_id: 3", 1)
		}, []string{"live.yaml: /providers/paysys/recipient_id: unknown key"}},
		{"missing env var", func(s string) string { return strings.Replace(s, "${ANOR_PASSWORD}", "${ANOR_PASWORD}", 1) }, []string{"live.yaml: /providers/anorbank/credentials/password: environment variable ANOR_PASWORD is not set"}},
		{"two missing vars and a bad card", func(s string) string {
			return strings.Replace(strings.Replace(s, "${BASE}", "${NOPE}", 1), `"0727"`, `"07/27"`, 1) + "name: ${ALSO_NOPE}\n"
		}, []string{
			"live.yaml: /name: environment variable ALSO_NOPE is not set",
			"live.yaml: /providers/anorbank/base_url: environment variable NOPE is not set",
			"live.yaml: /providers/anorbank/cards/0/expiry: ",
		}},
		{"missing credentials", func(s string) string {
			return strings.Replace(s, `credentials: {service_id: svc, secret_key: "k$$y"}`, `credentials: {service_id: svc}`, 1)
		}, []string{"live.yaml: /providers/paysys/credentials: missing property 'secret_key'"}},
		{"two OTP sources", func(s string) string {
			return strings.Replace(s, `otp: {fixed: "123456"}`, `otp: {fixed: "123456", command: ./x}`, 1)
		}, []string{"live.yaml: /providers/anorbank/otp: "}},
		{"no OTP source", func(s string) string { return strings.Replace(s, `otp: {fixed: "123456"}`, `otp: {timeout: 5s}`, 1) }, []string{"live.yaml: /providers/anorbank/otp: "}},
		{"bad OTP timeout", func(s string) string {
			return strings.Replace(s, `otp: {fixed: "123456"}`, `otp: {command: ./x, timeout: soon}`, 1)
		}, []string{"live.yaml: /providers/anorbank/otp/timeout: "}},
		{"wrong version", func(s string) string { return strings.Replace(s, "version: 1", "version: 2", 1) }, []string{"live.yaml: /version: "}},
		{"a list, not a profile", func(string) string { return "- providers\n" }, []string{"live.yaml: /: got array, want object"}},
		{"not YAML", func(string) string { return "providers: [" }, []string{"live.yaml: /: not YAML or JSON"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("live.yaml", []byte(tc.edit(good)), envOf(env))
			var le *LoadError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want *LoadError", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if got, want := len(lines), len(tc.want); got != want {
				t.Fatalf("%d problems, want %d:\n%s", got, want, err)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d = %q, want prefix %q", i, lines[i], w)
				}
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("a secret reached the message: %s", err)
			}
		})
	}
}

func TestResolveAppliesVariablesAndRefusesTypos(t *testing.T) {
	p := MustLoad(t, good, map[string]string{"BASE": "http://127.0.0.1:9", "ANOR_PASSWORD": "s3cret"})
	tests := []struct {
		name    string
		profile *Profile
		environ []string
		check   func(t *testing.T, r *Profile)
		wantErr []string
	}{
		{"profile alone", p, nil, func(t *testing.T, r *Profile) {
			if got, want := len(r.Providers), 2; got != want {
				t.Errorf("providers = %d, want %d", got, want)
			}
		}, nil},
		{"variables override the file", p, []string{"PAYSANDBOX_LIVE_ANORBANK_PASSWORD=other", "PAYSANDBOX_LIVE_ANORBANK_CARD=8600000000000002", "PAYSANDBOX_LIVE_ANORBANK_OTP=654321"}, func(t *testing.T, r *Profile) {
			a := r.Providers["anorbank"]
			if got, want := a.Credentials.Password.Reveal(), "other"; got != want {
				t.Errorf("password = %q, want %q", got, want)
			}
			if got, want := a.Cards[0], (Card{PAN: "8600000000000002", Expiry: "0727", Phone: "998901234567"}); got != want {
				t.Errorf("card = %+v, want %+v", got, want)
			}
			if got, want := a.OTP.Fixed, "654321"; got != want {
				t.Errorf("otp = %q, want %q", got, want)
			}
			if got := p.Providers["anorbank"].Cards[0].PAN; got != "8600000000000001" {
				t.Errorf("the loaded profile changed: %s", got)
			}
		}, nil},
		{"variables alone", nil, []string{"PAYSANDBOX_LIVE_ALOQA_URL=http://127.0.0.1:9/aloqa", "PAYSANDBOX_LIVE_ALOQA_USERNAME=u", "PAYSANDBOX_LIVE_ALOQA_PASSWORD=p"}, func(t *testing.T, r *Profile) {
			if got, want := r.Providers["aloqa"].BaseURL, "http://127.0.0.1:9/aloqa"; got != want {
				t.Errorf("url = %q, want %q", got, want)
			}
			if len(r.Named) != 0 {
				t.Errorf("named = %v, want none (no file)", r.Named)
			}
		}, nil},
		{"typo in a variable name", p, []string{"PAYSANDBOX_LIVE_ANORBANK_PASWORD=x"}, nil, []string{"live.yaml: PAYSANDBOX_LIVE_ANORBANK_PASWORD: unknown variable"}},
		{"typo in a provider name", nil, []string{"PAYSANDBOX_LIVE_ANOR_URL=http://127.0.0.1:9"}, nil, []string{"environment: PAYSANDBOX_LIVE_ANOR_URL: unknown variable"}},
		{"variables without a URL", nil, []string{"PAYSANDBOX_LIVE_PAYSYS_SERVICE_ID=x"}, nil, []string{"environment: PAYSANDBOX_LIVE_PAYSYS_SERVICE_ID: is set but paysys has no base URL"}},
		{"a URL without credentials", nil, []string{"PAYSANDBOX_LIVE_PAYSYS_URL=http://127.0.0.1:9/paysys"}, nil, []string{
			"environment: /providers/paysys/credentials/secret_key: missing",
			"environment: /providers/paysys/credentials/service_id: missing",
		}},
		{"nothing configured", nil, []string{"HOME=/root", "PAYSANDBOX_TARGET=live"}, nil, []string{"environment: /: nothing to certify"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Resolve(tc.profile, tc.environ)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("resolve: %v", err)
				}
				tc.check(t, r)
				return
			}
			if err == nil {
				t.Fatalf("resolve succeeded, want %q", tc.wantErr)
			}
			lines := strings.Split(err.Error(), "\n")
			if got, want := len(lines), len(tc.wantErr); got != want {
				t.Fatalf("%d problems, want %d:\n%s", got, want, err)
			}
			for i, w := range tc.wantErr {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("problem %d = %q, want prefix %q", i, lines[i], w)
				}
			}
		})
	}
}

func TestSecretsNeverPrint(t *testing.T) {
	p := MustLoad(t, good, map[string]string{"BASE": "http://127.0.0.1:9", "ANOR_PASSWORD": "s3cret"})
	a := p.Providers["anorbank"]
	for _, s := range []string{fmt.Sprint(a.Credentials), fmt.Sprintf("%+v", a), fmt.Sprintf("%#v", a.Credentials), fmt.Sprintf("%v", p.Providers["paysys"].Credentials)} {
		if strings.Contains(s, "s3cret") || strings.Contains(s, "k$y") {
			t.Errorf("a secret printed: %s", s)
		}
	}
}

func TestExampleProfileLoads(t *testing.T) {
	path := filepath.Join("..", "..", "live.example.yaml")
	env := map[string]string{}
	for _, k := range []string{"PAYSANDBOX_STANDIN_URL", "STANDIN_ANOR_PASSWORD", "STANDIN_ALOQA_PASSWORD", "STANDIN_PAYSYS_SECRET", "STANDIN_REQUISITES_PASSWORD"} {
		env[k] = "http://127.0.0.1:1"
	}
	p, err := LoadFile(path, envOf(env))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.Named, Names; !slices.Equal(got, want) {
		t.Errorf("the example names %v, want every provider %v", got, want)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), strings.Fields(p.Providers["anorbank"].OTP.Command)[0])); err != nil {
		t.Errorf("the example's OTP command: %v", err)
	}
}
