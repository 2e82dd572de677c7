package main

import (
	"strings"
	"testing"
	"time"
)

// stream is go test -json output for: a package that passes (with a test's
// log, which go test does not show), one whose test fails, one without
// tests, and one that does not build.
const stream = `{"Action":"start","Package":"m/ok"}
{"Action":"run","Package":"m/ok","Test":"TestA"}
{"Action":"output","Package":"m/ok","Test":"TestA","Output":"=== RUN   TestA\n"}
{"Action":"output","Package":"m/ok","Test":"TestA","Output":"    a_test.go:9: chatty log\n"}
{"Action":"output","Package":"m/ok","Test":"TestA","Output":"--- PASS: TestA (0.00s)\n"}
{"Action":"pass","Package":"m/ok","Test":"TestA"}
{"Action":"output","Package":"m/ok","Output":"PASS\n"}
{"Action":"output","Package":"m/ok","Output":"ok  \tm/ok\t0.012s\n"}
{"Action":"pass","Package":"m/ok"}
{"Action":"start","Package":"m/bad"}
{"Action":"output","Package":"m/bad","Test":"TestB","Output":"=== RUN   TestB\n"}
{"Action":"output","Package":"m/bad","Test":"TestB","Output":"    b_test.go:7: got 1, want 2\n"}
{"Action":"output","Package":"m/bad","Test":"TestB","Output":"--- FAIL: TestB (0.00s)\n"}
{"Action":"fail","Package":"m/bad","Test":"TestB"}
{"Action":"output","Package":"m/bad","Output":"FAIL\n"}
{"Action":"output","Package":"m/bad","Output":"FAIL\tm/bad\t0.020s\n"}
{"Action":"fail","Package":"m/bad"}
{"Action":"output","Package":"m/none","Output":"?   \tm/none\t[no test files]\n"}
{"Action":"skip","Package":"m/none"}
{"ImportPath":"m/broken [m/broken.test]","Action":"build-output","Output":"broken/x.go:3:1: syntax error\n"}
{"ImportPath":"m/broken [m/broken.test]","Action":"build-fail"}
go: some message that is not JSON
`

func TestPrintsWhatGoTestPrints(t *testing.T) {
	var out strings.Builder
	newProgress(&out, time.Now()).read(strings.NewReader(stream))
	want := "ok  \tm/ok\t0.012s\n" +
		"=== RUN   TestB\n    b_test.go:7: got 1, want 2\n--- FAIL: TestB (0.00s)\n" +
		"FAIL\nFAIL\tm/bad\t0.020s\n" +
		"?   \tm/none\t[no test files]\n" +
		"broken/x.go:3:1: syntax error\n" +
		"go: some message that is not JSON\n"
	if out.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
	}
}

func TestNamesPackagesRunningInSilence(t *testing.T) {
	var out strings.Builder
	t0 := time.Date(2026, 12, 7, 7, 0, 0, 0, time.UTC)
	p := newProgress(&out, t0)
	p.event(t0, event{Action: "start", Package: "m/slow"})
	p.event(t0.Add(2*time.Second), event{Action: "start", Package: "m/slower"})
	p.event(t0.Add(3*time.Second), event{Action: "start", Package: "m/quick"})
	p.event(t0.Add(4*time.Second), event{Action: "output", Package: "m/quick", Output: "ok  \tm/quick\t1s\n"})
	p.event(t0.Add(4*time.Second), event{Action: "pass", Package: "m/quick"})
	out.Reset()
	for _, tc := range []struct {
		at   time.Duration
		want string
	}{
		{4*time.Second + quiet - time.Second, ""},
		{4*time.Second + quiet, "… still running: m/slow (19s), m/slower (17s)\n"},
		{4*time.Second + quiet + time.Second, ""}, // said just now
		{4*time.Second + 2*quiet, "… still running: m/slow (34s), m/slower (32s)\n"},
	} {
		out.Reset()
		p.tick(t0.Add(tc.at))
		if out.String() != tc.want {
			t.Errorf("at %v printed %q, want %q", tc.at, out.String(), tc.want)
		}
	}
	p.event(t0.Add(time.Minute), event{Action: "fail", Package: "m/slow"})
	p.event(t0.Add(time.Minute), event{Action: "pass", Package: "m/slower"})
	out.Reset()
	p.tick(t0.Add(time.Hour))
	if out.String() != "" {
		t.Errorf("printed %q with nothing running", out.String())
	}
}
