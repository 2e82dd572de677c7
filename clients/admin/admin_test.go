package admin

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
)

// Control reads are resent after a lost answer; a reset or an armed fault
// is sent once (a second reset would wipe what the first call's caller
// did next).
func TestControlRetries(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			t.Errorf("Authorization = %q", r.Header.Get("Authorization"))
		}
		if n == 1 {
			clienttest.Drop(w)
			return
		}
		clienttest.Write(w, 200, `{"status":"ok","namespace":"ci-1","faults":[]}`)
	})
	c := New(srv.URL+"/ns/other/", WithToken("tok")).Namespace("ci-1")
	h, err := c.Health(context.Background())
	if err != nil || h.Namespace != "ci-1" || srv.Calls("/ns/ci-1/__admin/health") != 2 {
		t.Fatalf("health = %+v, %v after %d calls; want success on the second", h, err, srv.Calls("/ns/ci-1/__admin/health"))
	}
	if err := c.Reset(context.Background()); err == nil || srv.Calls("/ns/ci-1/__admin/reset") != 1 {
		t.Fatalf("reset: %v after %d calls; want the lost answer, sent once", err, srv.Calls("/ns/ci-1/__admin/reset"))
	}
	if _, err := c.ArmFault(context.Background(), Fault{Provider: "aloqa"}); err == nil || srv.Calls("/ns/ci-1/__admin/faults") != 1 {
		t.Fatalf("arm: %v after %d calls; want the lost answer, sent once", err, srv.Calls("/ns/ci-1/__admin/faults"))
	}
}

func TestScenarioProblems(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if ct := r.Header.Get("Content-Type"); ct != "application/yaml" {
			t.Errorf("Content-Type = %q", ct)
		}
		clienttest.Write(w, 422, `{"error":"invalid_scenario","message":"2 problems","errors":[{"path":"/version","message":"required"}]}`)
	})
	err := New(srv.URL).PutScenario(context.Background(), []byte("settings: {}"))
	var e *Error
	if !errors.As(err, &e) || e.HTTPStatus != 422 || len(e.Problems) != 1 || e.Problems[0].Path != "/version" || srv.Total() != 1 {
		t.Fatalf("err = %v", err)
	}
}
