// Command mockserver runs paysandbox: a stateful fake of Anor Bank
// BM-Merchant, AloqaGateway, PaySys and payment by requisites, with a
// control API and a dashboard. This file only turns flags and environment
// variables into sandbox.Options.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
	"github.com/paysandbox/paysandbox/scenarios"
)

func main() {
	if len(os.Args) >= 2 && os.Args[1] == "-healthcheck" {
		os.Exit(healthcheck(healthAddr(os.Args[2:])))
	}
	if len(os.Args) >= 2 && os.Args[1] == "coverage" {
		if err := runCoverage(os.Args[2:], os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "mockserver coverage:", err)
			if errors.Is(err, errBelowMinimum) {
				os.Exit(3)
			}
			os.Exit(1)
		}
		return
	}
	stopProfiles := startProfiles(os.Stderr)
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	stopProfiles()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return // -h: the usage was printed; asking for help is not a failure
		}
		fmt.Fprintln(os.Stderr, "mockserver:", err)
		os.Exit(1)
	}
}

type config struct {
	addr, scenario, logFormat, logLevel string
	adminToken, stateFile, stateSync    string
	strict, whyHeader, version          bool
	stateReset                          bool
	nsTTL                               time.Duration
	maxNamespaces                       int
	limits                              limits
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("mockserver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.addr, "addr", env("PAYSANDBOX_ADDR", "127.0.0.1:8080"), "listen address (PAYSANDBOX_ADDR)")
	fs.StringVar(&c.scenario, "scenario", env("PAYSANDBOX_SCENARIO", ""), "scenario file, YAML or JSON (PAYSANDBOX_SCENARIO; default: the embedded scenarios/default.yaml)")
	strict, err := envBool("PAYSANDBOX_STRICT")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.strict, "strict", strict, "also validate every response against the contract (PAYSANDBOX_STRICT)")
	fs.BoolVar(&c.version, "version", false, "print the version, commit and Go version, and exit")
	noWhy, err := envBool("PAYSANDBOX_NO_WHY_HEADER")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.whyHeader, "why-header", !noWhy, "send X-Paysandbox-Why on rejected or scripted answers (PAYSANDBOX_NO_WHY_HEADER=true turns it off)")
	fs.StringVar(&c.logFormat, "log-format", env("PAYSANDBOX_LOG_FORMAT", "text"), "log format: text or json (PAYSANDBOX_LOG_FORMAT)")
	fs.StringVar(&c.logLevel, "log-level", env("PAYSANDBOX_LOG_LEVEL", "info"), "log level: debug, info, warn, error (PAYSANDBOX_LOG_LEVEL)")
	fs.StringVar(&c.adminToken, "admin-token", env("PAYSANDBOX_ADMIN_TOKEN", ""), "token required on /__admin (PAYSANDBOX_ADMIN_TOKEN); mandatory when -addr is not loopback")
	fs.StringVar(&c.stateFile, "state-file", env("PAYSANDBOX_STATE_FILE", ""), "keep every namespace in this file (atomically, when something changed, and at shutdown) and its log FILE.log, and restore them at start (PAYSANDBOX_STATE_FILE)")
	fs.StringVar(&c.stateSync, "state-sync", env("PAYSANDBOX_STATE_SYNC", sandbox.SyncInterval), "with -state-file: interval (a snapshot every second; a crash loses up to a second) or always (every answered change is fsynced first; a crash loses nothing answered) (PAYSANDBOX_STATE_SYNC)")
	stateReset, err := envBool("PAYSANDBOX_STATE_RESET")
	if err != nil {
		return c, err
	}
	fs.BoolVar(&c.stateReset, "state-reset", stateReset, "discard the -state-file (and its log) at start instead of restoring it, e.g. after changing -scenario (PAYSANDBOX_STATE_RESET)")
	durations := []struct {
		p       *time.Duration
		name    string
		envKey  string
		def     string
		explain string
	}{
		{&c.nsTTL, "ns-ttl", "PAYSANDBOX_NS_TTL", "0", "drop namespaces idle this long, 0 = never"},
		{&c.limits.readTimeout, "read-timeout", "PAYSANDBOX_READ_TIMEOUT", "30s", "time to read a whole request, body included"},
		{&c.limits.writeTimeout, "write-timeout", "PAYSANDBOX_WRITE_TIMEOUT", "6m", "time to answer a request; above every scripted delay and timeout fault (5 minutes)"},
		{&c.limits.idleTimeout, "idle-timeout", "PAYSANDBOX_IDLE_TIMEOUT", "60s", "close a keep-alive connection idle this long"},
		{&c.limits.shutdownTimeout, "shutdown-timeout", "PAYSANDBOX_SHUTDOWN_TIMEOUT", "10s", "at SIGTERM, in-flight requests get this long; then connections are closed, the state saved, exit 0"},
	}
	for _, d := range durations {
		v, err := time.ParseDuration(env(d.envKey, d.def))
		if err != nil || v < 0 {
			return c, fmt.Errorf("%s: want a duration >= 0 such as 30s, got %q", d.envKey, env(d.envKey, d.def))
		}
		fs.DurationVar(d.p, d.name, v, d.explain+" ("+d.envKey+")")
	}
	maxConns, err := strconv.Atoi(env("PAYSANDBOX_MAX_CONNS", "1024"))
	if err != nil {
		return c, fmt.Errorf("PAYSANDBOX_MAX_CONNS: want a number, got %q", env("PAYSANDBOX_MAX_CONNS", ""))
	}
	fs.IntVar(&c.limits.maxConns, "max-conns", maxConns, "connections served at once, 0 = unbounded (PAYSANDBOX_MAX_CONNS)")
	maxNS, err := strconv.Atoi(env("PAYSANDBOX_MAX_NAMESPACES", strconv.Itoa(sandbox.DefaultMaxNamespaces)))
	if err != nil || maxNS < 1 {
		return c, fmt.Errorf("PAYSANDBOX_MAX_NAMESPACES: want a number of at least 1, got %q", env("PAYSANDBOX_MAX_NAMESPACES", ""))
	}
	fs.IntVar(&c.maxNamespaces, "max-namespaces", maxNS, "live namespaces at most; past it a new one gets 503 (PAYSANDBOX_MAX_NAMESPACES)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for _, d := range durations {
		if *d.p < 0 {
			return c, fmt.Errorf("-%s: must not be negative", d.name)
		}
	}
	if c.stateSync != sandbox.SyncInterval && c.stateSync != sandbox.SyncAlways {
		return c, fmt.Errorf("-state-sync: want %s or %s, got %q", sandbox.SyncInterval, sandbox.SyncAlways, c.stateSync)
	}
	if c.logFormat != "text" && c.logFormat != "json" {
		return c, fmt.Errorf("-log-format: want text or json, got %q", c.logFormat)
	}
	if _, port, err := net.SplitHostPort(c.addr); err != nil || port == "" {
		return c, fmt.Errorf("-addr %q: invalid address; want host:port such as 127.0.0.1:8080 or :8080", c.addr)
	}
	if c.adminToken == "" && !loopback(c.addr) {
		return c, fmt.Errorf("-addr %s is not a loopback address: set -admin-token (PAYSANDBOX_ADMIN_TOKEN) so that only you control this sandbox", c.addr)
	}
	return c, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if c.version {
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	log, err := logger(c, stdout) // one stream: the listening line and the logs
	if err != nil {
		return err
	}
	tuneGC()
	sc, err := loadScenario(c.scenario)
	if err != nil {
		return err
	}
	// The adapters are built from the contracts while the listener opens:
	// parsing the contracts is most of start-up, and a request simply waits
	// for its provider. A broken contract still stops the binary (below).
	srv, err := sandbox.New(sandbox.Options{Scenario: sc, Logger: log, Strict: c.strict, NamespaceTTL: c.nsTTL,
		AdminToken: c.adminToken, GuardControlAPI: true, NoWhyHeader: !c.whyHeader, MaxNamespaces: c.maxNamespaces, StateFile: c.stateFile,
		StateSync: c.stateSync, StateReset: c.stateReset, MountInBackground: c.stateFile == ""})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("%w: another program listens on %s; choose another address with -addr (e.g. -addr 127.0.0.1:8081)", err, c.addr)
		}
		return err
	}
	hs := newHTTPServer(srv, c.limits, log)
	ln = limitConns(ln, c.limits.maxConns)
	announce(stdout, log, c, ln.Addr().String(), srv)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	mounted := make(chan error, 1)
	go func() { mounted <- srv.Ready() }()
	for waiting := true; waiting; {
		select {
		case err := <-served:
			_ = srv.Close()
			return err
		case err := <-mounted:
			if err != nil {
				_ = hs.Close()
				return err
			}
		case <-ctx.Done():
			waiting = false
		}
	}
	// D-8: stop accepting, let in-flight requests finish (closing what is
	// still open at the deadline), save, exit 0.
	log.Info("shutting down")
	shutdown(hs, c.limits.shutdownTimeout, log)
	return srv.Close() // writes the state file, if any
}

// tuneGC: a sandbox's live heap is small, so collecting when it has grown
// fivefold (GOGC=400) instead of twofold trades a little memory for CPU on
// every request; a soft limit of 256 MiB makes the collector work harder
// before memory grows past that. GOGC and GOMEMLIMIT, when set, win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}

// loopback reports whether addr only listens on the loopback interface.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// healthcheck asks the local server's /__admin/health (the container
// HEALTHCHECK: the final image has no shell or curl).
func healthcheck(addr string) int {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return 1
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	c := &http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get("http://" + net.JoinHostPort(host, port) + "/__admin/health")
	if err != nil {
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 1
	}
	return 0
}

func loadScenario(path string) (*scenarios.Scenario, error) {
	if path == "" {
		return sandbox.DefaultScenario()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return sandbox.LoadScenario(path, data)
}

func logger(c config, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("-log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.logFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

// envBool reads a boolean variable: true/false, 1/0, yes/no, on/off; anything
// else is an error naming the variable, like every other variable.
func envBool(key string) (bool, error) {
	v, ok := os.LookupEnv(key)
	if !ok || v == "" {
		return false, nil
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "t", "true", "yes", "y", "on":
		return true, nil
	case "0", "f", "false", "no", "n", "off":
		return false, nil
	}
	return false, fmt.Errorf("%s: want true or false (or yes/no, on/off, 1/0), got %q", key, v)
}
