package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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

	"github.com/paysandbox/paysandbox/scenarios"
)

// The process is killed (SIGKILL) in the middle of a load of pays, holds,
// confirms and reverses; restarted on the same -state-file, it shows a
// consistent snapshot: every tiyin of the card is either available, held by
// a bill, or settled by one — no half-applied operation, no torn file.
func TestStateFileSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := buildBinary(t)
	scenario := filepath.Join(dir, "fixed-otp.yaml")
	yaml := strings.Replace(string(scenarios.DefaultYAML()), "otp: {length: 6,", `otp: {fixed_code: "666666", length: 6,`, 1)
	if err := os.WriteFile(scenario, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(dir, "state.json")

	addr, stop := start(t, bin, scenario, state)
	base := "http://" + addr + "/anorbank"
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			token := login(base)
			for i := 0; ctx.Err() == nil; i++ {
				if flow(base, token, fmt.Sprintf("kill-%d-%d", w, i), int64(100+i%977), i%4) {
					mu.Lock()
					done++
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(2500 * time.Millisecond) // several state saves happen under load
	stop(syscall.SIGKILL)
	cancel()
	wg.Wait()
	if done < 20 {
		t.Fatalf("only %d flows completed before the kill; the load did not run", done)
	}

	data, err := os.ReadFile(state)
	if err != nil {
		t.Fatalf("no state file after SIGKILL: %v", err)
	}
	if !json.Valid(data) {
		t.Fatal("the state file is torn (not valid JSON)")
	}

	addr, stop = start(t, bin, scenario, state)
	defer stop(syscall.SIGTERM)
	var view struct {
		Bills []struct {
			Status  string `json:"status"`
			PAN     string `json:"pan"`
			Held    int64  `json:"held"`
			Settled int64  `json:"settled"`
		} `json:"bills"`
		Cards []struct {
			PAN     string `json:"pan"`
			Balance int64  `json:"balance"`
			Held    int64  `json:"held"`
		} `json:"cards"`
	}
	getJSON(t, "http://"+addr+"/__admin/state/anorbank", &view)
	if len(view.Bills) == 0 {
		t.Fatal("the restored state has no bills")
	}
	const pan, initial = "860000******0001", int64(1_000_000_000)
	var held, settled int64
	for _, b := range view.Bills {
		if b.PAN == pan {
			held += b.Held
			settled += b.Settled
		}
	}
	for _, c := range view.Cards {
		if c.PAN != pan {
			continue
		}
		if c.Held != held {
			t.Errorf("card holds %d but its bills hold %d", c.Held, held)
		}
		if got := c.Balance + c.Held + settled; got != initial {
			t.Errorf("available %d + held %d + settled %d = %d, want %d", c.Balance, c.Held, settled, got, initial)
		}
		t.Logf("restored %d bills (%d flows done before the kill): available %d, held %d, settled %d", len(view.Bills), done, c.Balance, c.Held, settled)
	}
	// The restored sandbox keeps working.
	if !flow("http://"+addr+"/anorbank", login("http://"+addr+"/anorbank"), "after-restart", 500, 0) {
		t.Error("a pay after the restart failed")
	}
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// buildBinary builds the mockserver once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "paysandbox-bin-")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "mockserver")
		if out, err := exec.Command("go", "build", "-o", builtBin, ".").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// start runs the binary and waits until it answers; stop signals it.
func start(t *testing.T, bin, scenario, state string, extra ...string) (string, func(os.Signal)) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, append([]string{"-addr", addr, "-scenario", scenario, "-state-file", state, "-log-level", "warn"}, extra...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/__admin/health")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatalf("mockserver did not start: %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	var once sync.Once
	stop := func(sig os.Signal) {
		once.Do(func() {
			_ = cmd.Process.Signal(sig)
			_ = cmd.Wait()
		})
	}
	t.Cleanup(func() { stop(syscall.SIGKILL) })
	return addr, stop
}

var client = &http.Client{Timeout: 5 * time.Second}

func call(url, token string, body any) (map[string]any, bool) {
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, false
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if json.Unmarshal(data, &out) != nil || resp.StatusCode != 200 {
		return out, false
	}
	if res, ok := out["result"].(map[string]any); ok && res["detail"] != nil {
		return out, false // a nested bmms error (AN-1)
	}
	return out, true
}

func login(base string) string {
	out, ok := call(base+"/api/ext/user/login", "", map[string]string{"username": "sandbox", "password": "sandbox"})
	if !ok {
		return ""
	}
	res, _ := out["result"].(map[string]any)
	token, _ := res["access_token"].(string)
	return token
}

// flow runs check and then one of: pay; hold+confirm; hold+more+reverse;
// hold+partial reverse. True when every step succeeded.
func flow(base, token, tran string, amount int64, kind int) bool {
	agent := base + "/services/bmms/api/agent"
	bill, ok := call(agent+"/unregistered-check", token, map[string]any{
		"account": "30", "recipientId": 1001, "amount": amount, "currency": 860, "agentTranId": tran,
		"params": map[string]string{"pan": "8600000000000001", "exp": "0727"},
	})
	if !ok {
		return false
	}
	id := bill["id"]
	step := func(path string, extra map[string]any) bool {
		body := map[string]any{"billId": id}
		for k, v := range extra {
			body[k] = v
		}
		_, ok := call(agent+path, token, body)
		return ok
	}
	otp := map[string]any{"otp": "666666"}
	switch kind {
	case 0:
		return step("/unregistered-pay", otp)
	case 1:
		return step("/hold/v2/otp", otp) && step("/hold/v2/confirm", nil)
	case 2:
		return step("/hold/v2/otp", otp) && step("/hold/v2/more", map[string]any{"amount": amount / 10}) && step("/hold/v2/reverse", nil)
	default:
		return step("/hold/v2/otp", otp) && step("/hold/v2/reverse/partial", map[string]any{"reverseAmount": amount / 2})
	}
}

func getJSON(t *testing.T, url string, out any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatal(err)
	}
}
