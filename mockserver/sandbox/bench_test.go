package sandbox

import (
	"fmt"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"testing"
	"time"
)

// firstNew is how long the first sandbox.New in this process took (the
// contracts are loaded then); BenchmarkNew runs it before any other call.
var (
	firstNewOnce sync.Once
	firstNew     time.Duration
	firstNewCPU  time.Duration
)

// BenchmarkNew measures sandbox.New as a test suite calls it, one sandbox
// per test (issue 15: the first call in a process ≤ 15 ms, every later one
// ≤ 1 ms). ns/op is a later call; first-ms the first (wall), first-cpu-ms
// its CPU time, all threads (on a loaded machine wall time mostly
// measures the wait for a CPU). Run it alone
// (go test -run '^$' -bench '^BenchmarkNew$'), or another test's New comes
// first.
func BenchmarkNew(b *testing.B) {
	firstNewOnce.Do(func() {
		t0, cpu0 := time.Now(), processCPU()
		s, err := New(Options{})
		firstNew, firstNewCPU = time.Since(t0), processCPU()-cpu0
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	})
	b.ReportAllocs()
	for b.Loop() {
		s, err := New(Options{})
		if err != nil {
			b.Fatal(err)
		}
		_ = s.Close()
	}
	b.ReportMetric(float64(firstNew.Microseconds())/1000, "first-ms")
	b.ReportMetric(float64(firstNewCPU.Microseconds())/1000, "first-cpu-ms")
}

// BenchmarkNamespace measures the live heap a namespace keeps after it
// served one request (an Anor login): what a suite giving each test its
// own namespace pays (issue 15: ≤ 20 KB).
func BenchmarkNamespace(b *testing.B) {
	// b.N namespaces, past the default cap of 10,000 when a login is fast.
	s, err := New(Options{MaxNamespaces: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	login := func(i int) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("POST", fmt.Sprintf("/ns/b-%d/anorbank/api/ext/user/login", i), strings.NewReader(`{"username":"sandbox","password":"sandbox"}`))
		s.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("login: HTTP %d %s", rec.Code, rec.Body)
		}
	}
	login(-1) // the default namespace's lazily built parts, once
	before := heap()
	n := 0
	for b.Loop() {
		login(n)
		n++
	}
	b.StopTimer()
	after := heap()
	// NAMESPACE_HEAPPROFILE=file writes the heap with the namespaces live:
	// go tool pprof -sample_index=inuse_space file.
	if file := os.Getenv("NAMESPACE_HEAPPROFILE"); file != "" {
		if f, err := os.Create(file); err == nil {
			_ = pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	runtime.KeepAlive(s)
	b.ReportMetric(float64(after-before)/float64(n)/1024, "heap-KB/ns")
}
