package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// announce says where the server listens: a plain line for people, or with
// -log-format json one JSON log line like every other (tools wait for the
// words "listening on http://" in either form).
func announce(stdout io.Writer, log *slog.Logger, c config, addr string, srv *sandbox.Server) {
	msg := "paysandbox listening on http://" + addr
	if c.logFormat == "json" {
		log.Info(msg, "scenario", srv.ScenarioName(), "control", "http://"+addr+"/__admin",
			"providers", srv.Prefixes(), "strict", c.strict)
		return
	}
	fmt.Fprintf(stdout, "%s scenario=%q control=http://%s/__admin providers=%v strict=%t\n",
		msg, srv.ScenarioName(), addr, srv.Prefixes(), c.strict)
}

// versionLine is what -version prints: the sandbox version, the commit it
// was built from (when the build recorded it) and the Go version.
func versionLine() string {
	commit, dirty := "unknown", ""
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					dirty = " (modified)"
				}
			}
		}
	}
	return fmt.Sprintf("paysandbox %s commit %s%s %s", sandbox.Version, commit, dirty, runtime.Version())
}

// healthAddr is the address -healthcheck probes: -addr when given (the same
// flag the server was started with), else PAYSANDBOX_ADDR, else the default.
func healthAddr(args []string) string {
	fs := flag.NewFlagSet("mockserver -healthcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", env("PAYSANDBOX_ADDR", "127.0.0.1:8080"), "")
	_ = fs.Parse(args)
	return *addr
}
