package main

import (
	"bufio"
	"fmt"
	"net"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// namespaceRun makes n namespaces in a sandbox child, each serving one
// request (an Anor login), and reports the server's RSS before and after:
// what a test suite giving each test its own namespace pays.
func namespaceRun(n int) error {
	// The binary caps live namespaces (-max-namespaces, 10,000 by default);
	// the default namespace comes on top of the n measured.
	srv, err := startMockserver(false, "-max-namespaces", strconv.Itoa(n+1))
	if err != nil {
		return err
	}
	defer srv.stop()
	pid := srv.cmd.Process.Pid
	time.Sleep(50 * time.Millisecond)
	before := rssMB(pid)
	t0 := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, err := net.Dial("tcp", srv.addr)
			if err != nil {
				mu.Lock()
				first = err
				mu.Unlock()
				return
			}
			defer c.Close()
			br := bufio.NewReader(c)
			body := []byte(`{"username":"sandbox","password":"sandbox"}`)
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				req := httpRequest("POST", fmt.Sprintf("/ns/nscost-%d/anorbank/api/ext/user/login", i), srv.addr, nil, body)
				if _, err := c.Write(req); err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
					return
				}
				status, _, err := readResponse(br)
				if err == nil && status != 200 {
					err = fmt.Errorf("namespace %d: login HTTP %d", i, status)
				}
				if err != nil {
					mu.Lock()
					first = err
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return first
	}
	after := rssMB(pid)
	per := (after - before) * 1024 / float64(n)
	fmt.Printf("namespaces: %d, each served one Anor login, in %s; server RSS before %.1f MB, after %.1f MB %s; %.1f KB RSS per namespace\n",
		n, time.Since(t0).Round(time.Millisecond), before, after, verdict(after <= 300, fmt.Sprintf("≤ 300 MB for %d", n)), per)
	return nil
}

// benchNew runs the Go benchmark of sandbox.New (mockserver/sandbox,
// BenchmarkNew) and prints its figures with their targets: the first call
// in a process (contracts loaded) and every later one.
func benchNew() error {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "^(BenchmarkNew|BenchmarkNamespace)$", "-benchmem", "-count", "1", "-benchtime", "20000x", "./mockserver/sandbox")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go test -bench BenchmarkNew: %w\n%s", err, out)
	}
	metric := func(bench, unit string) (float64, bool) {
		re := regexp.MustCompile(`(?m)^` + bench + `\S*\s+\d+\s+(.*)$`)
		m := re.FindStringSubmatch(string(out))
		if m == nil {
			return 0, false
		}
		f := strings.Fields(m[1])
		for i := 1; i < len(f); i++ {
			if f[i] == unit {
				v, err := strconv.ParseFloat(f[i-1], 64)
				return v, err == nil
			}
		}
		return 0, false
	}
	first, ok1 := metric("BenchmarkNew", "first-ms")
	later, ok2 := metric("BenchmarkNew", "ns/op")
	if !ok1 || !ok2 {
		return fmt.Errorf("BenchmarkNew: no figures in\n%s", out)
	}
	firstCPU, _ := metric("BenchmarkNew", "first-cpu-ms")
	fmt.Printf("sandbox.New in a Go test (BenchmarkNew): first call in a process %.1f ms %s (CPU, all threads: %.1f ms); later calls %.3f ms %s\n",
		first, verdict(first <= 15, "≤ 15 ms"), firstCPU, later/1e6, verdict(later <= 1e6, "≤ 1 ms"))
	if kb, ok := metric("BenchmarkNamespace", "heap-KB/ns"); ok {
		fmt.Printf("namespace that served one request (BenchmarkNamespace): %.1f KB live heap %s\n", kb, verdict(kb <= 20, "≤ 20 KB"))
	}
	fmt.Println()
	return nil
}
