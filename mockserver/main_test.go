package main

import (
	"bytes"
	"errors"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A bad -scenario file stops the binary before it listens, with every
// problem reported as file: /pointer: message.
func TestBadScenarioFailsBeforeListening(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(path, []byte("version: 1\nsettings: {otp: {ttll: 5s}}\ncards: [{pan: '1', expiry: 2027-07}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run([]string{"-scenario", path, "-addr", "127.0.0.1:0"}, &out, &errOut)
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{path + ": /settings/otp/ttll: unknown key", path + ": /cards/0/pan:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("report %q lacks %q", err, want)
		}
	}
	if out.Len() != 0 {
		t.Errorf("it announced listening: %q", out.String())
	}
}

func TestFlagsValidate(t *testing.T) {
	var errOut bytes.Buffer
	if _, err := parseFlags([]string{"-log-format", "xml"}, &errOut); err == nil {
		t.Fatal("-log-format xml accepted")
	}
	c, err := parseFlags(nil, &errOut)
	if err != nil || c.addr != "127.0.0.1:8080" || c.logFormat != "text" {
		t.Fatalf("defaults: %+v %v", c, err)
	}
}

func TestNonLoopbackNeedsAnAdminToken(t *testing.T) {
	var errOut bytes.Buffer
	if _, err := parseFlags([]string{"-addr", ":8080"}, &errOut); err == nil || !strings.Contains(err.Error(), "admin-token") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if _, err := parseFlags([]string{"-addr", ":8080", "-admin-token", "t0k"}, &errOut); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"127.0.0.1:1", "localhost:1", "[::1]:1"} {
		if !loopback(a) {
			t.Errorf("%s is loopback", a)
		}
	}
}

// Issue 14: the command line says what is wrong and exits as a CLI should.
func TestCommandLine(t *testing.T) {
	var out, errOut bytes.Buffer
	if err := run([]string{"-h"}, &out, &errOut); !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "-addr") {
		t.Errorf("-h: %v, usage %q", err, errOut.String())
	}
	out.Reset()
	if err := run([]string{"-version"}, &out, &errOut); err != nil || !strings.Contains(out.String(), "paysandbox ") || !strings.Contains(out.String(), "go1.") {
		t.Errorf("-version: %v %q", err, out.String())
	}
	if err := run([]string{"-addr", "nonsense"}, &out, &errOut); err == nil || !strings.Contains(err.Error(), "invalid address") {
		t.Errorf("-addr nonsense: %v", err)
	}
	t.Setenv("PAYSANDBOX_STRICT", "sometimes")
	if err := run(nil, &out, &errOut); err == nil || !strings.Contains(err.Error(), "PAYSANDBOX_STRICT") {
		t.Errorf("PAYSANDBOX_STRICT=sometimes: %v", err)
	}
	t.Setenv("PAYSANDBOX_STRICT", "yes")
	if c, err := parseFlags(nil, &errOut); err != nil || !c.strict {
		t.Errorf("PAYSANDBOX_STRICT=yes: %+v %v", c.strict, err)
	}
}

func TestPortInUseSuggestsAnotherAddress(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var out, errOut bytes.Buffer
	err = run([]string{"-addr", ln.Addr().String()}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "-addr") {
		t.Errorf("port in use: %v", err)
	}
}

func TestHealthcheckProbesTheGivenAddress(t *testing.T) {
	if got := healthAddr([]string{"-addr", ":9090"}); got != ":9090" {
		t.Errorf("healthAddr = %q", got)
	}
	t.Setenv("PAYSANDBOX_ADDR", "127.0.0.1:7000")
	if got := healthAddr(nil); got != "127.0.0.1:7000" {
		t.Errorf("healthAddr from the environment = %q", got)
	}
}
