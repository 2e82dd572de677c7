package sandbox

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A thousand namespaces used in parallel stay isolated, and once idle past
// the TTL they are dropped and their memory is returned.
func TestThousandNamespacesIsolatedThenExpired(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	var wall atomic.Int64
	wall.Store(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).UnixNano())
	now := func() time.Time { return time.Unix(0, wall.Load()).UTC() }
	s := newServer(t, Options{Now: now})
	const n = 1000
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	base := heap()
	var wg sync.WaitGroup
	sem := make(chan struct{}, 32)
	errs := make(chan string, n)
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			ns := fmt.Sprintf("/ns/scale-%d", i)
			if code, _ := do(t, s, "POST", ns+"/__admin/clock", fmt.Sprintf(`{"advance":"%dm"}`, i)); code != 200 {
				errs <- fmt.Sprintf("%d: clock %d", i, code)
			}
			if code, _ := do(t, s, "POST", ns+"/anorbank/api/ext/user/login", `{"username":"sandbox","password":"sandbox"}`); code != 200 {
				errs <- fmt.Sprintf("%d: login %d", i, code)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	start := now()
	for _, i := range []int{0, 1, 499, 999} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", fmt.Sprintf("/ns/scale-%d/__admin/clock", i), nil))
		var c struct{ Now time.Time }
		_ = json.Unmarshal(rec.Body.Bytes(), &c)
		if got := c.Now.Sub(start).Round(time.Minute); got != time.Duration(i)*time.Minute {
			t.Errorf("namespace %d: clock ahead by %v, want %dm", i, got, i)
		}
		rec = httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", fmt.Sprintf("/ns/scale-%d/__admin/requests", i), nil))
		if got := strings.Count(rec.Body.String(), `"operation":"login"`); got != 1 {
			t.Errorf("namespace %d sees %d logins, want its own 1", i, got)
		}
	}
	if got := s.ns.count(); got != n {
		t.Fatalf("namespaces = %d, want %d", got, n)
	}
	used := heap()
	wall.Add(int64(time.Hour))
	s.ns.expire(30 * time.Minute)
	if got := s.ns.count(); got != 0 {
		t.Fatalf("after the TTL %d namespaces remain", got)
	}
	after := heap()
	t.Logf("heap: base %.1f MB, %d namespaces %.1f MB (%.1f KB each), after expiry %.1f MB",
		mb(base), n, mb(used), float64(used-base)/n/1024, mb(after))
	if after > base+(used-base)/4 {
		t.Errorf("memory not returned: base %.1f MB, in use %.1f MB, after expiry %.1f MB", mb(base), mb(used), mb(after))
	}
}

func mb(b uint64) float64 { return float64(b) / (1 << 20) }
