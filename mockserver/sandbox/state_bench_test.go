package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
)

// bigNamespace fills namespace "big" with n Anor Bank bills, straight
// through the domain (HTTP would take minutes), then saves once.
func bigNamespace(tb testing.TB, n int) (*Server, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "state.json")
	s, err := New(Options{StateFile: path, StateInterval: time.Hour})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Close() })
	svc := s.ns.get("big").Domain(anorbank.Provider).(*anorbank.Service)
	for i := range n {
		if _, err := svc.Check(anorbank.CheckParams{Agent: "sandbox", Account: "30", RecipientID: 1001, Amount: 1,
			AgentTranID: fmt.Sprint("big-", i), Card: anorbank.CardRef{PAN: "8600000000000001", Expiry: "0727"}}); err != nil {
			tb.Fatal(err)
		}
	}
	if err := s.SaveState(path); err != nil {
		tb.Fatal(err)
	}
	return s, path
}

// inode identifies the file at path: every write renames a new one in.
func inode(tb testing.TB, path string) os.FileInfo {
	tb.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return fi
}

// BenchmarkIdleSave: a save of a sandbox with 200,000 bills that nothing
// changed since the last one (issue 13.5: was a 100 MB write every second).
// writes/op is the share of saves that wrote the file.
func BenchmarkIdleSave(b *testing.B) {
	s, path := bigNamespace(b, 200_000)
	writes := 0
	for b.Loop() {
		before := inode(b, path)
		if err := s.SaveState(path); err != nil {
			b.Fatal(err)
		}
		if !os.SameFile(before, inode(b, path)) {
			writes++
		}
	}
	b.ReportMetric(float64(writes)/float64(b.N), "writes/op")
}

// BenchmarkOtherNamespaceDuringSaves measures the latency of requests to a
// small namespace while the state is saved every second and the big one
// (200,000 bills) is idle, then while it takes a request every 100 ms.
func BenchmarkOtherNamespaceDuringSaves(b *testing.B) {
	s, path := bigNamespace(b, 200_000)
	metrics := map[string]float64{}
	for _, phase := range []string{"idle", "busy"} {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var saves atomic.Int64
		wg.Go(func() {
			t := time.NewTicker(time.Second)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					before := inode(b, path)
					if err := s.SaveState(path); err != nil {
						b.Error(err)
					}
					if !os.SameFile(before, inode(b, path)) {
						saves.Add(1)
					}
				}
			}
		})
		if phase == "busy" {
			wg.Go(func() {
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					case <-time.After(100 * time.Millisecond):
						serve(s, "POST", "/ns/big/anorbank/api/ext/user/login", `{"username":"sandbox","password":"sandbox"}`, "")
					}
				}
			})
		}
		var lat []time.Duration
		for end := time.Now().Add(5 * time.Second); time.Now().Before(end); {
			t0 := time.Now()
			serve(s, "POST", "/ns/other/anorbank/api/ext/user/login", `{"username":"sandbox","password":"sandbox"}`, "")
			lat = append(lat, time.Since(t0))
			time.Sleep(2 * time.Millisecond)
		}
		close(stop)
		wg.Wait()
		slices.Sort(lat)
		metrics[phase+"-p99-ms"] = float64(lat[len(lat)*99/100].Microseconds()) / 1000
		metrics[phase+"-max-ms"] = float64(lat[len(lat)-1].Microseconds()) / 1000
		metrics[phase+"-writes"] = float64(saves.Load())
	}
	for b.Loop() {
	}
	for unit, v := range metrics {
		b.ReportMetric(v, unit)
	}
}
