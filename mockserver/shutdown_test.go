package main

import (
	"bytes"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// D-8: on SIGTERM the server stops accepting, lets the request in flight
// finish (here one held 600 ms by an armed delay), and exits 0.
func TestSIGTERMFinishesInFlightRequestsAndExitsZero(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "-addr", addr, "-log-level", "warn")
	var stdout lockedBuffer
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	for deadline := time.Now().Add(10 * time.Second); ; {
		if resp, err := http.Get("http://" + addr + "/__admin/health"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("mockserver did not start")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(stdout.String(), "listening on http://"+addr) || !strings.Contains(stdout.String(), "/__admin") {
		t.Errorf("start-up line: %q", stdout.String())
	}
	resp, err := http.Post("http://"+addr+"/__admin/faults", "application/json",
		strings.NewReader(`{"provider":"anorbank","operation":"login","delay":"600ms"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	done := make(chan int, 1)
	go func() {
		resp, err := http.Post("http://"+addr+"/anorbank/api/ext/user/login", "application/json",
			strings.NewReader(`{"username":"sandbox","password":"sandbox"}`))
		if err != nil {
			done <- -1
			return
		}
		resp.Body.Close()
		done <- resp.StatusCode
	}()
	time.Sleep(200 * time.Millisecond) // the login is now held by the delay
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != http.StatusOK {
		t.Errorf("the in-flight login got %d, want 200", code)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("exit: %v, want status 0", err)
	}
}

// TestMain removes the binary buildBinary left behind.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		_ = os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// lockedBuffer is a bytes.Buffer the child's output goroutine and the test
// can share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
