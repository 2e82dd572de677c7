// Package target says where the contract suite runs: an in-process sandbox
// (PAYSANDBOX_TARGET unset or "inprocess"), a running mockserver
// ("http://host:port"), or the providers' real sandboxes ("live", configured
// per provider by environment variables).
package target

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// Kind of target.
const (
	InProcess = "inprocess"
	Remote    = "remote"
	Live      = "live"
)

// Target is where specs send their requests.
type Target struct {
	Kind string
	// URL of the sandbox (in-process or remote); empty when live.
	URL string
	// Providers are the live sandboxes, by provider name.
	Providers map[string]LiveProvider
}

// LiveProvider is one real sandbox, from PAYSANDBOX_LIVE_<PROVIDER>_URL,
// _USERNAME, _PASSWORD, _CARD (a test card the provider gave you) and
// _PHONE; _SERVICE_ID and _SECRET_KEY for PaySys.
type LiveProvider struct {
	URL, Username, Password, Card, Phone, ServiceID, SecretKey string
}

// IsLive reports a run against real sandboxes.
func (t Target) IsLive() bool { return t.Kind == Live }

// FromEnv reads PAYSANDBOX_TARGET.
func FromEnv() (Target, error) {
	v := strings.TrimSpace(os.Getenv("PAYSANDBOX_TARGET"))
	switch {
	case v == "" || v == InProcess:
		return Target{Kind: InProcess}, nil
	case v == Live:
		t := Target{Kind: Live, Providers: map[string]LiveProvider{}}
		for _, p := range []string{"anorbank", "aloqa", "paysys", "requisites"} {
			k := "PAYSANDBOX_LIVE_" + strings.ToUpper(p) + "_"
			lp := LiveProvider{
				URL: os.Getenv(k + "URL"), Username: os.Getenv(k + "USERNAME"), Password: os.Getenv(k + "PASSWORD"),
				Card: os.Getenv(k + "CARD"), Phone: os.Getenv(k + "PHONE"),
				ServiceID: os.Getenv(k + "SERVICE_ID"), SecretKey: os.Getenv(k + "SECRET_KEY"),
			}
			if lp.URL != "" {
				t.Providers[p] = lp
			}
		}
		return t, nil
	case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
		return Target{Kind: Remote, URL: strings.TrimRight(v, "/")}, nil
	}
	return Target{}, fmt.Errorf("PAYSANDBOX_TARGET: want unset, inprocess, live or http://host:port; got %q", v)
}

// StartInProcess serves a strict sandbox on a loopback port; stop shuts it down.
func StartInProcess(log *slog.Logger) (url string, stop func(), err error) {
	srv, err := sandbox.New(sandbox.Options{Strict: true, Logger: log})
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("in-process sandbox stopped", "err", err)
		}
	}()
	stop = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
		srv.Close()
	}
	return "http://" + ln.Addr().String(), stop, nil
}
