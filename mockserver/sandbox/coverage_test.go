package sandbox

import (
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"
)

func coverageOf(t *testing.T, s *Server, path string) CoverageReport {
	t.Helper()
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	var rep CoverageReport
	if err := json.Unmarshal(rec.Body.Bytes(), &rep); err != nil || rec.Code != 200 {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	return rep
}

// errorCount returns an entry's count, via and operations; the entry must
// be in the catalogue.
func errorCount(t *testing.T, rep CoverageReport, provider, code string) ErrorCoverage {
	t.Helper()
	for _, p := range rep.Providers {
		if p.Provider != provider {
			continue
		}
		for _, e := range p.Errors {
			if e.Code == code {
				return e
			}
		}
	}
	t.Fatalf("%s %s is not in the report", provider, code)
	return ErrorCoverage{}
}

func successes(rep CoverageReport, provider, op string) int {
	for _, p := range rep.Providers {
		for _, o := range p.Operations {
			if p.Provider == provider && o.Operation == op {
				return o.Successes
			}
		}
	}
	return -1
}

func met(rep CoverageReport, provider string) int {
	for _, p := range rep.Providers {
		if p.Provider == provider {
			return p.Met
		}
	}
	return -1
}

const (
	anorLogin = "/anorbank/api/ext/user/login"
	goodLogin = `{"username":"sandbox","password":"sandbox"}`
	badLogin  = `{"username":"sandbox","password":"nope"}`
)

// Issue 16: the coverage counts exactly what the namespace answered, by
// how it was produced, and nothing from other namespaces.
func TestCoverageCountsAnswers(t *testing.T) {
	s := newServer(t, Options{})
	do(t, s, "POST", "/ns/ci-7-a"+anorLogin, goodLogin)
	do(t, s, "POST", "/ns/ci-7-a"+anorLogin, goodLogin)
	do(t, s, "POST", "/ns/ci-7-a"+anorLogin, badLogin)
	do(t, s, "POST", "/ns/ci-7-a/__admin/faults", `{"provider":"anorbank","operation":"login","error":"internal error","times":1}`)
	do(t, s, "POST", "/ns/ci-7-a"+anorLogin, goodLogin)
	do(t, s, "POST", "/ns/ci-7-b"+anorLogin, goodLogin) // real use creates it
	do(t, s, "POST", "/ns/ci-7-b"+anorLogin, badLogin)
	do(t, s, "POST", "/ns/other"+anorLogin, badLogin)
	do(t, s, "POST", "/ns/ci-7-a/anorbank/no/such/path", `{}`) // no operation: not counted

	rep := coverageOf(t, s, "/ns/ci-7-a/__admin/coverage")
	if got := successes(rep, "anorbank", "login"); got != 2 {
		t.Errorf("login successes = %d, want 2", got)
	}
	bad := errorCount(t, rep, "anorbank", "bad credentials")
	if bad.Count != 1 || bad.Via["request"] != 1 || bad.Operations["login"] != 1 {
		t.Errorf("bad credentials = %+v, want once, by the request, on login", bad)
	}
	internal := errorCount(t, rep, "anorbank", "internal error")
	if internal.Count != 1 || internal.Via["fault"] != 1 {
		t.Errorf("internal error = %+v, want once, by a fault", internal)
	}
	if got := met(rep, "anorbank"); got != 2 {
		t.Errorf("met = %d, want 2", got)
	}
	if got := met(rep, "aloqa"); got != 0 {
		t.Errorf("aloqa met = %d, want 0", got)
	}

	all := coverageOf(t, s, "/__admin/coverage?ns_prefix=ci-7-")
	if strings.Join(all.Namespaces, ",") != "ci-7-a,ci-7-b" {
		t.Errorf("namespaces = %v", all.Namespaces)
	}
	if got := errorCount(t, all, "anorbank", "bad credentials").Count; got != 2 {
		t.Errorf("bad credentials over ci-7-* = %d, want 2", got)
	}

	do(t, s, "POST", "/ns/ci-7-a/__admin/reset", "")
	if got := errorCount(t, coverageOf(t, s, "/ns/ci-7-a/__admin/coverage"), "anorbank", "bad credentials").Count; got != 0 {
		t.Errorf("after reset: %d, want 0", got)
	}
	if got := errorCount(t, coverageOf(t, s, "/ns/ci-7-a/__admin/coverage?since=start"), "anorbank", "bad credentials").Count; got != 1 {
		t.Errorf("since=start after reset: %d, want 1", got)
	}
}

// reaching is one request per provider that passes authentication and the
// contract, so an armed fault decides its answer.
var reaching = map[string]struct{ method, path, body, user, pass string }{
	"anorbank":   {"POST", "/anorbank/api/ext/user/login", goodLogin, "", ""},
	"aloqa":      {"POST", "/aloqa/cards/add", `{"pan":"8600000000000001","expiry":"0727","phone":"998901234567"}`, "sandbox", "sandbox"},
	"paysys":     {"POST", "/paysys/gateway", `{"id":1,"method":"pam.check_payment","params":{"agr_transaction_id":1}}`, "sandbox", "sandbox"},
	"requisites": {"GET", "/requisites/api/v2/services", "", "gray", "p@ssw0rd"},
}

// Issue 16: every never-met entry's report names a trigger; the one every
// entry has (the POST /__admin/faults body) makes each documented error of
// every provider met. This walks the whole catalogue.
func TestEveryCatalogueEntryCanBeMet(t *testing.T) {
	s := newServer(t, Options{})
	rep := coverageOf(t, s, "/ns/walk/__admin/coverage")
	for _, p := range rep.Providers {
		req, ok := reaching[p.Provider]
		if !ok {
			t.Fatalf("no reaching request for %s", p.Provider)
		}
		for _, e := range p.Errors {
			body, _ := json.Marshal(map[string]any{"provider": p.Provider, "error": e.Code, "times": 1})
			if code, out := do(t, s, "POST", "/ns/walk/__admin/faults", string(body)); code != 200 {
				t.Fatalf("arming %s: %d %v", body, code, out)
			}
			r := httptest.NewRequest(req.method, "/ns/walk"+req.path, strings.NewReader(req.body))
			if req.user != "" {
				r.SetBasicAuth(req.user, req.pass)
			}
			s.ServeHTTP(httptest.NewRecorder(), r)
		}
	}
	for _, p := range coverageOf(t, s, "/ns/walk/__admin/coverage").Providers {
		if p.Met != p.Documented {
			for _, e := range p.Errors {
				if e.Count != 1 {
					t.Errorf("%s %q answered %d times after its trigger, want 1", p.Provider, e.Code, e.Count)
				}
			}
		}
	}
}
