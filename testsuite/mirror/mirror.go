package mirror

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"

	"github.com/paysandbox/paysandbox/clients/admin"
	"github.com/paysandbox/paysandbox/mockserver/sandbox"
	"github.com/paysandbox/paysandbox/testsuite/profile"
)

// Fake is the in-process sandbox live requests are replayed against.
type Fake struct {
	srv      http.Handler
	profiles map[string]*profile.Provider
	values   map[string]map[string]string // provider → live text → fake text
	secrets  map[string][2]string         // paysys: live and fake secret keys
}

// New serves the default scenario for the live providers' requests.
func New(providers map[string]*profile.Provider) (*Fake, error) {
	sc, err := sandbox.DefaultScenario()
	if err != nil {
		return nil, err
	}
	srv, err := sandbox.New(sandbox.Options{Scenario: sc})
	if err != nil {
		return nil, err
	}
	f := &Fake{srv: srv, profiles: providers, values: map[string]map[string]string{}, secrets: map[string][2]string{}}
	for name, lp := range providers {
		f.values[name] = values(name, lp, sc)
		if name == "paysys" && len(sc.Credentials.Paysys) > 0 {
			f.secrets[name] = [2]string{lp.Credentials.SecretKey.Reveal(), sc.Credentials.Paysys[0].SecretKey}
		}
	}
	return f, nil
}

// Session is one spec's replay, in its own namespace of the fake.
type Session struct {
	f  *Fake
	ns string
	mu sync.Mutex
	// learned maps ids and tokens the live sandbox answered onto the fake's
	// answers at the same place.
	learned map[string]string
	// issued are the OTP codes the profile's source gave, by phone.
	issued map[string]string
}

// Session starts a spec's replay in namespace ns.
func (f *Fake) Session(ns string) *Session {
	return &Session{f: f, ns: ns, learned: map[string]string{}, issued: map[string]string{}}
}

// Issued notes an OTP code the live sandbox texted to phone: a request
// carrying it is replayed with the fake's code instead (a wrong code a
// spec sends on purpose stays wrong).
func (s *Session) Issued(code, phone string) {
	s.mu.Lock()
	s.issued[code] = phone
	s.mu.Unlock()
}

// Replay answers a live request of provider as the fake does (ok false
// when the request is not under the profile's base URL).
func (s *Session) Replay(provider string) func(req *http.Request, body []byte, liveStatus int, liveBody []byte) (int, []byte, bool) {
	return func(req *http.Request, body []byte, _ int, liveBody []byte) (int, []byte, bool) {
		lp := s.f.profiles[provider]
		if lp == nil {
			return 0, nil, false
		}
		base, err := url.Parse(lp.BaseURL)
		if err != nil {
			return 0, nil, false
		}
		suffix, ok := strings.CutPrefix(req.URL.EscapedPath(), strings.TrimRight(base.EscapedPath(), "/"))
		if !ok {
			return 0, nil, false
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		t := s.translator(provider)
		target := "/ns/" + s.ns + "/" + provider + t.path(suffix)
		if q := t.query(req.URL.Query()); q != "" {
			target += "?" + q
		}
		if _, err := url.ParseRequestURI(target); err != nil {
			return 0, nil, false // httptest would panic on it
		}
		fr := httptest.NewRequestWithContext(context.Background(), req.Method, target, bytes.NewReader(t.body(body)))
		fr.Host, fr.RemoteAddr = "127.0.0.1", "127.0.0.1:1"
		for k, vs := range req.Header {
			fr.Header[k] = vs
		}
		t.headers(fr.Header)
		rec := httptest.NewRecorder()
		s.f.srv.ServeHTTP(rec, fr)
		fake := rec.Body.Bytes()
		learn(s.learned, liveBody, fake)
		return rec.Code, fake, true
	}
}

// fakeCode is the newest code the fake texted to the fake's phone for
// livePhone in this session's namespace ("" when none).
func (s *Session) fakeCode(provider, livePhone string) string {
	phone := livePhone
	if v, ok := s.f.values[provider][livePhone]; ok {
		phone = v
	}
	hc := &http.Client{Transport: handler{s.f.srv}}
	code, err := admin.New("http://127.0.0.1/ns/"+s.ns, admin.WithHTTPClient(hc)).LatestCode(context.Background(), phone)
	if err != nil {
		return ""
	}
	return code
}

// handler is a RoundTripper answering from an http.Handler, no network.
type handler struct{ h http.Handler }

func (t handler) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}
