// Package target says where the contract suite runs: an in-process sandbox
// (PAYSANDBOX_TARGET unset or "inprocess"), a running mockserver
// ("http://host:port"), or the providers' real sandboxes ("live", configured
// by a live profile and PAYSANDBOX_LIVE_<PROVIDER>_* variables).
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
	"github.com/paysandbox/paysandbox/testsuite/profile"
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
	// Providers are the live sandboxes, by provider name (secrets do not
	// survive JSON: each process resolves them with FromEnv).
	Providers map[string]*profile.Provider `json:",omitempty"`
	// Profile is the live profile file ("" when only variables configure the run).
	Profile string `json:",omitempty"`
	// Named are the configured providers (by the profile or variables):
	// each must be certified for the run to pass.
	Named []string `json:",omitempty"`
}

// IsLive reports a run against real sandboxes.
func (t Target) IsLive() bool { return t.Kind == Live }

// FromEnv reads PAYSANDBOX_TARGET and, for live runs, the profile named by
// PAYSANDBOX_PROFILE with the PAYSANDBOX_LIVE_<PROVIDER>_* overrides
// (package profile). A live run with nothing configured, an unknown
// PAYSANDBOX_LIVE_ variable or a bad profile is an error: it must never
// pass having tested nothing.
func FromEnv() (Target, error) {
	v := strings.TrimSpace(os.Getenv("PAYSANDBOX_TARGET"))
	switch {
	case v == "" || v == InProcess:
		return Target{Kind: InProcess}, nil
	case v == Live:
		t := Target{Kind: Live}
		var p *profile.Profile
		if path := os.Getenv("PAYSANDBOX_PROFILE"); path != "" {
			var err error
			if p, err = profile.LoadFile(path, nil); err != nil {
				return t, err
			}
		}
		r, err := profile.Resolve(p, os.Environ())
		if err != nil {
			return t, err
		}
		t.Providers, t.Profile = r.Providers, r.Source
		for _, name := range profile.Names {
			if _, ok := r.Providers[name]; ok {
				t.Named = append(t.Named, name)
			}
		}
		return t, nil
	case strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://"):
		return Target{Kind: Remote, URL: strings.TrimRight(v, "/")}, nil
	}
	return Target{}, fmt.Errorf("PAYSANDBOX_TARGET: want unset, inprocess, live or http://host:port; got %q", v)
}

// CheckAdmin asks a running sandbox's control API for something that needs
// the admin token, so a server started with -admin-token fails the run at
// once with the fix, instead of failing every spec that uses /__admin.
func CheckAdmin(url, token string) error {
	req, err := http.NewRequest(http.MethodGet, url+"/__admin/scenario", nil)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return fmt.Errorf("%s is not answering: %w", url, err)
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusUnauthorized && token == "":
		return fmt.Errorf("%s requires its admin token (started with -admin-token): export PAYSANDBOX_ADMIN_TOKEN", url)
	case resp.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("%s refuses PAYSANDBOX_ADMIN_TOKEN: it is not the token the server was started with", url)
	case resp.StatusCode >= 300:
		return fmt.Errorf("%s/__admin/scenario answered HTTP %d", url, resp.StatusCode)
	}
	return nil
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
