// Command testprogress runs go test on packages and prints what go test
// prints (a line per package, the output of failed tests), plus, while
// packages run for a long time without a word, which ones are still running
// and for how long: make unit was silent for minutes while one slow package
// ran (issue 14). Its arguments are go test's; it exits as go test does.
//
//	testprogress -race -count=1 ./...
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"time"
)

// quiet is how long the run may say nothing before it names what is running.
const quiet = 15 * time.Second

func main() {
	goCmd := os.Getenv("GO")
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, append([]string{"test", "-json"}, os.Args[1:]...)...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		os.Exit(2)
	}
	p := newProgress(os.Stdout, time.Now())
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case now := <-t.C:
				p.tick(now)
			case <-done:
				return
			}
		}
	}()
	p.read(stdout)
	close(done)
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	case err != nil:
		fmt.Fprintln(os.Stderr, "testprogress:", err)
		os.Exit(2)
	}
}

// event is one line of go test -json (test2json's TestEvent, and the build
// events go test -json interleaves with them).
type event struct {
	Action     string
	Package    string
	ImportPath string // build-output events
	Test       string
	Output     string
}

type progress struct {
	mu      sync.Mutex
	out     io.Writer
	said    time.Time            // the last time anything was printed
	running map[string]time.Time // package → when its test binary started
	tests   map[string][]string  // package + test → its output, printed if it fails
}

func newProgress(out io.Writer, now time.Time) *progress {
	return &progress{out: out, said: now, running: map[string]time.Time{}, tests: map[string][]string{}}
}

// read handles the stream line by line; a line that is not an event (go
// test's own messages) is printed as it is.
func (p *progress) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Action == "" {
			p.print(time.Now(), sc.Text()+"\n")
			continue
		}
		p.event(time.Now(), e)
	}
}

func (p *progress) event(now time.Time, e event) {
	key := e.Package + "\x00" + e.Test
	switch {
	case e.Action == "build-output":
		p.print(now, e.Output)
	case e.Test != "" && e.Action == "output":
		p.mu.Lock()
		p.tests[key] = append(p.tests[key], e.Output)
		p.mu.Unlock()
	case e.Test != "" && e.Action == "fail":
		p.mu.Lock()
		out := p.tests[key]
		delete(p.tests, key)
		p.mu.Unlock()
		p.print(now, strings.Join(out, ""))
	case e.Test != "" && (e.Action == "pass" || e.Action == "skip"):
		p.mu.Lock()
		delete(p.tests, key)
		p.mu.Unlock()
	case e.Action == "start":
		p.mu.Lock()
		p.running[e.Package] = now
		p.mu.Unlock()
	case e.Action == "output" && !testChatter(e.Output):
		p.print(now, e.Output) // ok/FAIL/no test files, and what the binary printed outside tests
	case e.Action == "pass" || e.Action == "fail" || e.Action == "skip":
		p.mu.Lock()
		delete(p.running, e.Package)
		p.mu.Unlock()
	}
}

// testChatter is package-level output go test without -v does not show.
func testChatter(line string) bool {
	return line == "PASS\n" || strings.HasPrefix(line, "=== ")
}

func (p *progress) print(now time.Time, s string) {
	if s == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	io.WriteString(p.out, s)
	p.said = now
}

// tick names the packages still running when nothing was printed for a while.
func (p *progress) tick(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.said) < quiet || len(p.running) == 0 {
		return
	}
	pkgs := make([]string, 0, len(p.running))
	for pkg := range p.running {
		pkgs = append(pkgs, pkg)
	}
	slices.SortFunc(pkgs, func(a, b string) int { return p.running[a].Compare(p.running[b]) })
	parts := make([]string, len(pkgs))
	for i, pkg := range pkgs {
		parts[i] = fmt.Sprintf("%s (%ds)", pkg, int(now.Sub(p.running[pkg]).Seconds()))
	}
	fmt.Fprintf(p.out, "… still running: %s\n", strings.Join(parts, ", "))
	p.said = now
}
