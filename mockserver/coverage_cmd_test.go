package main

import (
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 16: the report a CI job keeps, written from a running binary over a
// namespace prefix, gating on -min with exit code 3.
func TestCoverageCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	addr, _ := runBinary(t)
	for _, ns := range []string{"ci-9-a", "ci-9-b"} {
		resp, err := http.Post("http://"+addr+"/ns/"+ns+"/anorbank/api/ext/user/login", "application/json",
			strings.NewReader(`{"username":"sandbox","password":"sandbox"}`)) // real use creates the namespace
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		resp, err = http.Post("http://"+addr+"/ns/"+ns+"/anorbank/api/ext/user/login", "application/json",
			strings.NewReader(`{"username":"sandbox","password":"wrong"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	out := filepath.Join(t.TempDir(), "reports", "coverage.md")
	run := func(min string) (int, string) {
		cmd := exec.Command(buildBinary(t), "coverage", "-url", "http://"+addr, "-ns-prefix", "ci-9-", "-o", out, "-min", min)
		msg, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode(), string(msg)
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0, string(msg)
	}
	if code, msg := run("0%"); code != 0 {
		t.Fatalf("-min 0%%: exit %d: %s", code, msg)
	}
	md, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Namespaces: ci-9-a, ci-9-b",
		"| yes | `bad credentials`",
		"2× on login",
		`POST /__admin/faults {"error":"-32318","provider":"aloqa","times":1}`,
	} {
		if !strings.Contains(string(md), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if _, err := os.Stat(strings.TrimSuffix(out, ".md") + ".json"); err != nil {
		t.Errorf("no JSON report beside the Markdown: %v", err)
	}
	if code, msg := run("80%"); code != 3 || !strings.Contains(msg, "below the minimum") {
		t.Errorf("-min 80%% with almost nothing met: exit %d, %q; want 3", code, msg)
	}
}
