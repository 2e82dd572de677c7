package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// server is the mockserver binary under attack, a child process listening
// on a free loopback port.
type server struct {
	cmd  *exec.Cmd
	addr string
	base string // http://addr
	pid  int
}

// startServer runs binary on 127.0.0.1 (never another interface) with the
// given extra flags and waits for /__admin/health.
func startServer(binary string, logTo *os.File, extra ...string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	args := append([]string{"-addr", addr}, extra...)
	cmd := exec.Command(binary, args...)
	cmd.Stdout, cmd.Stderr = logTo, logTo
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, addr: addr, base: "http://" + addr, pid: cmd.Process.Pid}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.base + "/__admin/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				http.DefaultClient.CloseIdleConnections()
				return s, nil
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	return nil, fmt.Errorf("%s did not answer /__admin/health on %s within 10 s", binary, addr)
}

// stop sends SIGTERM and waits; the exit status is returned (0 expected).
func (s *server) stop() (int, error) {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), nil
		}
		return 0, err
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-done
		return -1, fmt.Errorf("no exit 30 s after SIGTERM; killed")
	}
}

// procStatus is what /proc says about the server process.
type procStatus struct {
	rssMB, hwmMB float64 // VmRSS, VmHWM (the peak RSS since start)
	threads      int
	fds          int
}

func readProc(pid int) (procStatus, error) {
	var p procStatus
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return p, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseFloat(f[0], 64)
		switch k {
		case "VmRSS":
			p.rssMB = n / 1024
		case "VmHWM":
			p.hwmMB = n / 1024
		case "Threads":
			p.threads = int(n)
		}
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return p, err
	}
	p.fds = len(fds)
	return p, nil
}
