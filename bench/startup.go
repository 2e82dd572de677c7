package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

type startupStats struct {
	median, min, max float64 // ms, exec to the first answered Anor login
	cpuMedian        float64 // ms of the server's CPU (all threads) by then
	healthMedian     float64 // ms, exec to the first answered /__admin/health
	idleRSS          float64 // MB
}

// measureStartup execs the mockserver binary repeatedly and times exec to
// the first answered Anor login (the contracts, scenario and adapters are
// all loaded by then).
func measureStartup(binary string, runs int, oneCPU bool) (startupStats, error) {
	if _, err := os.Stat(binary); err != nil {
		return startupStats{}, fmt.Errorf("%s: %w (run make build, or pass -binary)", binary, err)
	}
	var ms, health, cpu []float64
	var rss float64
	for range runs {
		port, err := freePort()
		if err != nil {
			return startupStats{}, err
		}
		addr := "127.0.0.1:" + strconv.Itoa(port)
		t0 := time.Now()
		// Pinned to CPU 0 or on all CPUs, as a user runs it (the driver
		// itself is pinned to CPU 1). No polling, which would steal CPU from the start-up it measures:
		// wait for the "listening" line, then ask; a provider request waits
		// server-side until its adapter is built.
		cmd := allCPUs(binary, "-addr", addr, "-log-level", "warn")
		if oneCPU {
			cmd = pinned(0, binary, "-addr", addr, "-log-level", "warn")
		}
		out, err := cmd.StdoutPipe()
		if err != nil {
			return startupStats{}, err
		}
		if err := cmd.Start(); err != nil {
			return startupStats{}, err
		}
		if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
			_ = cmd.Process.Kill()
			return startupStats{}, fmt.Errorf("mockserver did not announce itself: %w", err)
		}
		if err := waitHealth(addr, 5*time.Second); err != nil {
			_ = cmd.Process.Kill()
			return startupStats{}, err
		}
		health = append(health, float64(time.Since(t0).Microseconds())/1000)
		if err := waitLogin(addr, 5*time.Second); err != nil {
			_ = cmd.Process.Kill()
			return startupStats{}, err
		}
		ms = append(ms, float64(time.Since(t0).Microseconds())/1000)
		cpu = append(cpu, float64(schedCPU(serverPid(cmd)).Microseconds())/1000)
		time.Sleep(50 * time.Millisecond)
		rss = rssMB(cmd.Process.Pid)
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}
	slices.Sort(ms)
	slices.Sort(health)
	slices.Sort(cpu)
	return startupStats{median: ms[len(ms)/2], min: ms[0], max: ms[len(ms)-1], healthMedian: health[len(health)/2], idleRSS: rss, cpuMedian: cpu[len(cpu)/2]}, nil
}

func waitHealth(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/__admin/health"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(200 * time.Microsecond)
	}
	return fmt.Errorf("mockserver on %s did not answer health in %s", addr, limit)
}

func waitLogin(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		resp, err := http.Post("http://"+addr+"/anorbank/api/ext/user/login", "application/json", strings.NewReader(`{"username":"sandbox","password":"sandbox"}`))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
	return fmt.Errorf("mockserver on %s did not answer in %s", addr, limit)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// rssMB reads VmRSS of pid from /proc (Linux).
func rssMB(pid int) float64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}

// memoryRun sends total requests of the read-only Anor status call to a
// sandbox child and reports its RSS (the journal must stay bounded).
func memoryRun(total, conns int) error {
	srv, err := startServer("sandbox")
	if err != nil {
		return err
	}
	defer srv.stop()
	req, ok, err := prepAnorStatus(srv.addr)
	if err != nil {
		return err
	}
	pid := srv.cmd.Process.Pid
	before := rssMB(pid)
	t0 := time.Now()
	sent := 0
	for sent < total {
		r, err := load(srv.addr, conns, 2*time.Second, 0, req, ok)
		if err != nil {
			return err
		}
		sent += r.n
	}
	after := rssMB(pid)
	fmt.Printf("memory: %d requests (Anor status) in %s; server RSS before %.1f MB, after %.1f MB %s\n", sent, time.Since(t0).Round(time.Second), before, after,
		verdict(after <= 100, fmt.Sprintf("≤ 100 MB after %d", total)))
	return nil
}

// schedCPU is the CPU time pid's threads have run, to the nanosecond
// (/proc/<pid>/task/*/schedstat; Linux). Unlike wall time it does not
// count waiting for a CPU that other work holds.
func schedCPU(pid int) time.Duration {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	var total time.Duration
	for _, t := range tasks {
		data, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		f := strings.Fields(string(data))
		if len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			total += time.Duration(ns)
		}
	}
	return total
}

// serverPid is the mockserver's pid: taskset execs it in place.
func serverPid(cmd *exec.Cmd) int { return cmd.Process.Pid }

// cpuTime reads the user+system CPU time of pid from /proc (Linux; 0 elsewhere).
func cpuTime(pid int) time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name (which may hold spaces) start at ") ".
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(data[i+2:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100) // USER_HZ = 100 on Linux
}

// allCPUs runs name on every CPU of the machine: children inherit the
// driver's pinning otherwise.
func allCPUs(name string, args ...string) *exec.Cmd {
	n, _ := strconv.Atoi(os.Getenv("BENCH_CPUS"))
	if ts, err := exec.LookPath("taskset"); err == nil && n > 1 {
		return exec.Command(ts, append([]string{"-c", fmt.Sprintf("0-%d", n-1), name}, args...)...)
	}
	return exec.Command(name, args...)
}
