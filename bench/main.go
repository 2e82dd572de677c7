// Command bench is paysandbox's load benchmark (make bench). In one run, on
// the same machine and CPU budget, it measures a plain net/http handler
// answering the same JSON (the reference) and the sandbox on a read-only
// call, on state-changing calls with full request validation, and the same
// with -strict; it prints requests/s, p50 and p99 latency and each ratio to
// the reference. The server runs in a child process pinned to CPU 0 with
// GOMAXPROCS=1; the load generator is pinned to CPU 1 and speaks raw
// HTTP/1.1 over keep-alive connections so it costs little. Loopback only.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

func main() {
	serve := flag.String("serve", "", "internal: run a server of this kind (plain, sandbox, strict)")
	addr := flag.String("addr", "127.0.0.1:0", "internal: listen address for -serve")
	conns := flag.Int("c", 32, "connections")
	dur := flag.Duration("d", 2*time.Second, "measured duration per case")
	warm := flag.Duration("warmup", 500*time.Millisecond, "warm-up per case")
	startup := flag.Int("startup-runs", 21, "start-up measurements (exec to first answered request), pinned to one core and on all")
	flag.IntVar(&memRequests, "n", 1_000_000, "requests (Anor status) after which the server's RSS is reported (memory bound check); 0 skips")
	flag.IntVar(&nsCount, "namespaces", 10_000, "namespaces, each served one request, whose RSS is reported; 0 skips")
	flag.BoolVar(&goBench, "gobench", true, "run the Go benchmark of sandbox.New (go test -bench BenchmarkNew)")
	flag.IntVar(&rounds, "rounds", 3, "rounds over all cases; the median of each case is reported")
	flag.StringVar(&only, "run", "", "only the cases whose name contains this (the reference always runs)")
	flag.StringVar(&binary, "binary", "bin/mockserver", "the mockserver binary whose start-up is measured")
	flag.StringVar(&floor, "floor", "bin/floor", "the start-up reference binary (bench/floor); empty skips it")
	flag.Parse()
	if *serve != "" {
		if err := runServer(*serve, *addr); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	if err := drive(*conns, *dur, *warm, *startup); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

var (
	binary, floor, only  string
	rounds               int
	memRequests, nsCount int
	goBench              bool
)

// median returns the run with the median req/s.
func median(rs []result) result {
	s := slices.Clone(rs)
	slices.SortFunc(s, func(a, b result) int { return cmp.Compare(a.rps, b.rps) })
	return s[len(s)/2]
}

// medianCPU is the median server CPU per request over the runs.
func medianCPU(rs []result) time.Duration {
	c := make([]time.Duration, len(rs))
	for i, r := range rs {
		c[i] = r.cpuPerRequest()
	}
	slices.Sort(c)
	return c[len(c)/2]
}

// drive runs everything make bench reports, in order: start-up, the Go
// benchmark of sandbox.New, the load cases, namespace cost and memory.
func drive(conns int, dur, warm time.Duration, startupRuns int) error {
	if repinned() {
		return nil
	}
	runtime.GOMAXPROCS(1)
	fmt.Printf("paysandbox bench: %s/%s, %s CPUs, server on CPU 0 (GOMAXPROCS=1), load on CPU 1, %d connections, %s per case after %s warm-up\n\n",
		runtime.GOOS, runtime.GOARCH, cmp.Or(os.Getenv("BENCH_CPUS"), fmt.Sprint(runtime.NumCPU())), conns, dur, warm)

	fmt.Printf("machine: %s\n\n", machine())
	if startupRuns > 0 {
		if err := reportStartup(startupRuns); err != nil {
			return err
		}
	}
	if goBench {
		if err := benchNew(); err != nil {
			return err
		}
	}
	selected := selectedCases()
	runs, err := runRounds(selected, conns, dur, warm)
	if err != nil {
		return err
	}
	printTable(selected, runs)
	if nsCount > 0 {
		if err := namespaceRun(nsCount); err != nil {
			return err
		}
	}
	if memRequests > 0 {
		return memoryRun(memRequests, conns)
	}
	return nil
}

// reportStartup measures and prints start-up pinned to one core (the
// target: a CI container with one CPU) and on all cores (how a user on a
// laptop runs it).
func reportStartup(runs int) error {
	for _, one := range []bool{true, false} {
		st, err := measureStartup(binary, runs, one)
		if err != nil {
			return err
		}
		where, target := "on all CPUs", ""
		if one {
			where, target = "pinned to CPU 0 (taskset -c 0)", verdict(st.median <= 15, "≤ 15 ms")
		}
		fmt.Printf("start-up %s, %d runs: exec to the first answered Anor login: median %.1f ms, min %.1f ms, max %.1f ms %s; to the first answered /__admin/health: median %.1f ms; server CPU by the login: median %.1f ms\n",
			where, runs, st.median, st.min, st.max, target, st.healthMedian, st.cpuMedian)
		if one {
			fmt.Printf("idle RSS %.1f MB %s\n", st.idleRSS, verdict(st.idleRSS <= 30, "≤ 30 MB"))
			if err := reportFloor(runs, st); err != nil {
				return err
			}
		}
	}
	fmt.Println()
	return nil
}

// reportFloor measures the floor binary (bench/floor: a net/http server
// that only answers) as the mockserver was, pinned, when it was built.
func reportFloor(runs int, sandbox startupStats) error {
	if floor == "" {
		return nil
	}
	if _, err := os.Stat(floor); err != nil {
		fmt.Printf("start-up floor: %s not built (make bench builds it)\n", floor)
		return nil
	}
	st, err := measureStartup(floor, runs, true)
	if err != nil {
		return err
	}
	fmt.Printf("start-up floor, pinned, %d runs: a net/http server that only answers (bench/floor): median %.1f ms (server CPU %.1f ms); the sandbox's own start-up on top: %.1f ms\n",
		runs, st.median, st.cpuMedian, sandbox.median-st.median)
	return nil
}

// selectedCases are the cases -run names, the reference always first.
func selectedCases() []benchCase {
	var selected []benchCase
	for _, c := range cases() {
		if only == "" || c.name == referenceCase || strings.Contains(c.name, only) {
			selected = append(selected, c)
		}
	}
	return selected
}

// runRounds runs every selected case once per round, in order, and returns
// each case's results. Interleaving rounds spreads the machine's drift over
// every case alike. A case other than the reference that fails is reported
// and left out of that round.
func runRounds(selected []benchCase, conns int, dur, warm time.Duration) ([][]result, error) {
	runs := make([][]result, len(selected))
	for round := range max(rounds, 1) {
		for i, c := range selected {
			srv, err := startServer(c.server)
			if err != nil {
				return nil, err
			}
			r, err := c.run(srv, conns, dur, warm)
			srv.stop()
			if err != nil {
				if c.name == referenceCase {
					return nil, fmt.Errorf("%s: %w", c.name, err)
				}
				fmt.Printf("%-48s round %d not measured: %v\n", c.name, round+1, err)
				continue
			}
			runs[i] = append(runs[i], r)
		}
	}
	return runs, nil
}

// printTable prints, per case, the round with the median req/s, and ratios
// of medians to the reference (runs[0]).
func printTable(selected []benchCase, runs [][]result) {
	fmt.Printf("%d round(s); per case the median round:\n", max(rounds, 1))
	fmt.Printf("%-48s %8s %9s %9s %7s %9s %9s %-13s %s\n", "case", "req/s", "p50", "p99", "ratio", "µs CPU/req", "cpu ratio", "target", "errors")
	ref := median(runs[0])
	refCPU := medianCPU(runs[0])
	for i, c := range selected {
		if len(runs[i]) == 0 {
			continue
		}
		r := median(runs[i])
		ratio := r.rps / ref.rps
		// The server's capacity ratio: its CPU per request against the
		// reference's. With one core for the load, the reference cannot be
		// driven to saturation, so req/s understates how far apart they are;
		// CPU per request does not depend on that.
		cpu := medianCPU(runs[i])
		cpuRatio := float64(refCPU) / float64(max(cpu, 1))
		target := ""
		if c.target > 0 {
			v := "ok"
			if min(ratio, cpuRatio) < c.target {
				v = "MISSED"
			}
			target = fmt.Sprintf("≥%.2f %s", c.target, v)
		}
		fmt.Printf("%-48s %8.0f %9s %9s %7.2f %9.1f %9.2f %-13s %d/%d\n", c.name, r.rps, r.p50.Round(time.Microsecond), r.p99.Round(time.Microsecond),
			ratio, float64(cpu.Nanoseconds())/1000, cpuRatio, target, r.errors, r.n)
	}
	fmt.Println()
}

// verdict formats a target and whether it was met.
func verdict(ok bool, target string) string {
	if ok {
		return "(target " + target + " ok)"
	}
	return "(target " + target + " MISSED)"
}

// machine names the CPU, the CPU count and the Go version.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if v, ok := strings.CutPrefix(line, "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s, %s CPUs, %s", model, cmp.Or(os.Getenv("BENCH_CPUS"), fmt.Sprint(runtime.NumCPU())), runtime.Version())
}

// child is a server process.
type child struct {
	cmd      *exec.Cmd
	addr     string
	stateDir string // removed at stop
}

func (c *child) stop() {
	_ = c.cmd.Process.Signal(os.Interrupt)
	_ = c.cmd.Wait()
	if c.stateDir != "" {
		_ = os.RemoveAll(c.stateDir)
	}
}

// startServer starts the reference server (this program, -serve plain) or
// the mockserver binary itself (sandbox, strict), on CPU 0 with GOMAXPROCS=1.
//
// With BENCH_CPUPROFILE=dir the sandbox cases run in this program instead
// (-serve sandbox|strict: sandbox.New as the binary calls it, GOGC=400), so
// each writes a CPU and an allocation profile to dir.
func startServer(kind string) (*child, error) {
	if mode, ok := strings.CutPrefix(kind, "state-"); ok {
		return startWithStateFile(mode)
	}
	if kind != "plain" && os.Getenv("BENCH_CPUPROFILE") == "" {
		return startMockserver(kind == "strict")
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := pinned(0, self, "-serve", kind, "-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	buf := make([]byte, 256)
	n, err := out.Read(buf)
	if err != nil {
		return nil, fmt.Errorf("server %s did not start: %w", kind, err)
	}
	addr := strings.TrimSpace(string(buf[:n]))
	if kind != "plain" {
		if err := waitLogin(addr, 10*time.Second); err != nil {
			_ = cmd.Process.Kill()
			return nil, err
		}
	}
	return &child{cmd: cmd, addr: addr}, nil
}

// pinned runs name on one CPU with taskset when the machine has it and more
// than one CPU; otherwise unpinned.
func pinned(cpu int, name string, args ...string) *exec.Cmd {
	if ts, err := exec.LookPath("taskset"); err == nil && runtime.NumCPU() > 1 {
		return exec.Command(ts, append([]string{"-c", fmt.Sprint(cpu), name}, args...)...)
	}
	return exec.Command(name, args...)
}

// repinned re-executes the driver on CPU 1 (once); true means this process
// was the launcher and the pinned child has done the work.
func repinned() bool {
	if os.Getenv("BENCH_PINNED") != "" || runtime.NumCPU() < 2 {
		return false
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		return false
	}
	self, err := os.Executable()
	if err != nil {
		return false
	}
	cmd := pinned(1, self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), "BENCH_PINNED=1", fmt.Sprintf("BENCH_CPUS=%d", runtime.NumCPU()))
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
	return true
}

func startMockserver(strict bool, extra ...string) (*child, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + fmt.Sprint(port)
	args := []string{"-addr", addr, "-log-level", "warn"}
	if strict {
		args = append(args, "-strict")
	}
	args = append(args, extra...)
	cmd := pinned(0, binary, args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	if err := waitLogin(addr, 10*time.Second); err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	return &child{cmd: cmd, addr: addr}, nil
}

// startWithStateFile runs the binary with a fresh -state-file in a
// temporary directory and -state-sync mode (interval or always): the cost
// of durability on a state-changing call (issue 13.6).
func startWithStateFile(mode string) (*child, error) {
	dir, err := os.MkdirTemp("", "paysandbox-bench-state-")
	if err != nil {
		return nil, err
	}
	c, err := startMockserver(false, "-state-file", dir+"/state.json", "-state-sync", mode)
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	c.stateDir = dir
	return c, nil
}
