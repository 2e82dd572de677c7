package dashboard_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/paysandbox/paysandbox/mockserver/sandbox"
)

// browser finds a Chromium to drive: $PAYSANDBOX_CHROME, then the usual
// names (Debian's chromium package installs /usr/bin/chromium; .ci/run
// installs it when missing).
func browser() string {
	if p := os.Getenv("PAYSANDBOX_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// reportDir is reports/dashboard at the module root.
func reportDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
	out := filepath.Join(dir, "reports", "dashboard")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	return out
}

// startSandbox builds an in-process sandbox in the background (most of the
// test's start-up under -race) and serves it on loopback when awaited.
func startSandbox(t *testing.T, opts sandbox.Options) func() *httptest.Server {
	t.Helper()
	type built struct {
		s   *sandbox.Server
		err error
	}
	ch := make(chan built, 1)
	go func() {
		s, err := sandbox.New(opts)
		ch <- built{s, err}
	}()
	return func() *httptest.Server {
		t.Helper()
		b := <-ch
		if b.err != nil {
			t.Fatal(b.err)
		}
		t.Cleanup(func() { _ = b.s.Close() })
		hs := httptest.NewServer(b.s) // 127.0.0.1
		t.Cleanup(hs.Close)
		return hs
	}
}

// newBrowser starts headless Chromium that can reach loopback only, and
// collects the page's uncaught JavaScript exceptions.
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	exe := browser()
	if exe == "" {
		msg := "\n\n******** NO BROWSER: the dashboard browser test is SKIPPED. Install Chromium (apt-get install -y chromium) or set PAYSANDBOX_CHROME. ********\n\n"
		fmt.Fprint(os.Stderr, msg)
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // CI runs as root
		chromedp.WindowSize(1400, 1000),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider"),
		// Every name resolves nowhere but 127.0.0.1: no traffic leaves loopback.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	var mu sync.Mutex
	var exceptions []string
	err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok && e.ExceptionDetails != nil {
			text := e.ExceptionDetails.Text
			if x := e.ExceptionDetails.Exception; x != nil {
				text += " " + x.Description
			}
			mu.Lock()
			exceptions = append(exceptions, text)
			mu.Unlock()
		}
	})
	if err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), exceptions...)
	}
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(reportDir(t), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// post sends a JSON request to the sandbox and decodes the answer.
func post(t *testing.T, url, token, body string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return send(t, req)
}

func get(t *testing.T, url string) map[string]any {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return send(t, req)
}

func send(t *testing.T, req *http.Request) map[string]any {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: %d %s", req.Method, req.URL, resp.StatusCode, raw)
	}
	return out
}

// anorPayment logs in and checks a bill (an SMS code goes out) under base.
func anorPayment(t *testing.T, base string) {
	t.Helper()
	login := post(t, base+"/anorbank/api/ext/user/login", "", `{"username":"sandbox","password":"sandbox"}`)
	res, _ := login["result"].(map[string]any)
	tok, _ := res["access_token"].(string)
	if tok == "" {
		t.Fatalf("login: %v", login)
	}
	check := post(t, base+"/anorbank/services/bmms/api/agent/unregistered-check", tok,
		`{"account":"30","recipientId":1001,"amount":"150000","currency":860,"agentTranId":"dash-1","params":{"pan":"8600000000000001","exp":"0727"}}`)
	if check["id"] == nil && check["result"] == nil {
		t.Logf("check answered %v", check)
	}
}

// waitJS polls a JavaScript condition on the page.
func waitJS(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))
}

// choose sets a select's value as a user would, firing its change event.
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); })()`, sel, value))
}

const rowsContaining = `[...document.querySelectorAll('#requests tbody tr')].some(r => r.textContent.includes(%q))`

func TestDashboardInABrowser(t *testing.T) {
	started := time.Now()
	// GuardControlAPI as the binary sets it: a POST not typed JSON is refused.
	open, openProtected := startSandbox(t, sandbox.Options{GuardControlAPI: true}), startSandbox(t, sandbox.Options{AdminToken: "s3cret"})
	ctx, exceptions := newBrowser(t)
	t.Logf("browser up in %v", time.Since(started).Round(time.Millisecond))
	hs := open()
	t.Logf("sandbox up at %v", time.Since(started).Round(time.Millisecond))

	t.Run("live journal, detail, why", func(t *testing.T) {
		must(t, chromedp.Do(ctx,
			chromedp.Navigate(hs.URL+"/"),
			waitJS(`document.getElementById('live').textContent.includes('live')`),
		))
		anorPayment(t, hs.URL)
		post(t, hs.URL+"/anorbank/api/ext/user/login", "", `{"username":1,"password":"x"}`) // rejected: has a why
		must(t, chromedp.Do(ctx,
			waitJS(fmt.Sprintf(rowsContaining, "unregistered-check")),
			waitJS(`document.querySelector('#sms tbody .code') !== null`), // the SMS code, copyable
		))
		screenshot(t, ctx, "01-live-journal.png")
		must(t, chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`#requests tbody tr[data-id="2"] button.open-detail`)),
			chromedp.WaitVisible(chromedp.CSS(`#detail`)),
		))
		meta, reqBody := text(t, ctx, "#detail-meta"), text(t, ctx, "#detail-request")
		if !strings.Contains(meta, "unregistered-check") || !strings.Contains(reqBody, "860000******0001") || strings.Contains(reqBody, "8600000000000001") {
			t.Errorf("detail: meta %q, request %q; want the operation and the card masked", meta, reqBody)
		}
		screenshot(t, ctx, "02-detail.png")
		must(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#requests tbody tr[data-id="3"] button.open-detail`))))
		why := text(t, ctx, "#detail-why")
		if !strings.Contains(why, "username") {
			t.Errorf("why of the rejected login = %q, want it to name the field", why)
		}
		must(t, chromedp.Do(ctx, choose("#f-status", "error")))
		shown := eval[int](t, ctx, `document.querySelectorAll('#requests tbody tr').length`)
		if shown != 1 {
			t.Errorf("filter status=error shows %d rows, want the one rejected login", shown)
		}
		must(t, chromedp.Do(ctx, choose("#f-status", "")))
	})

	t.Run("arm a fault from the form", func(t *testing.T) {
		must(t, chromedp.Do(ctx,
			choose("#fault-provider", "anorbank"),
			choose("#fault-operation", "login"),
			choose("#fault-error", "internal error"),
			chromedp.Click(chromedp.CSS(`#fault-form button[type=submit]`)),
			waitJS(`document.querySelector('#faults tbody').textContent.includes('internal error')`),
		))
		got, _ := json.Marshal(get(t, hs.URL+"/__admin/faults")["faults"])
		if !strings.Contains(string(got), `"internal error"`) || !strings.Contains(string(got), `"login"`) {
			t.Errorf("armed faults %s, want internal error on login", got)
		}
		screenshot(t, ctx, "03-fault-armed.png")
	})

	t.Run("advance the clock", func(t *testing.T) {
		before, _ := time.Parse(time.RFC3339Nano, get(t, hs.URL+"/__admin/clock")["now"].(string))
		must(t, chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`button[data-advance="24h"]`)),
			waitJS(`document.getElementById('message').textContent.includes('advanced')`),
		))
		after, _ := time.Parse(time.RFC3339Nano, get(t, hs.URL+"/__admin/clock")["now"].(string))
		if d := after.Sub(before); d < 24*time.Hour {
			t.Errorf("clock moved %v, want 24h", d)
		}
	})

	t.Run("switch namespace", func(t *testing.T) {
		get(t, hs.URL+"/ns/ci-dash/__admin/clock") // creates it
		must(t, chromedp.Do(ctx,
			chromedp.Reload(),
			waitJS(`[...document.querySelectorAll('#ns-select option')].some(o => o.value === 'ci-dash')`),
			choose("#ns-select", "ci-dash"),
		))
		waitAcrossNavigation(t, ctx, `location.pathname === '/ns/ci-dash/' && document.getElementById('live').textContent.includes('live')`)
		anorPayment(t, hs.URL+"/ns/ci-dash")
		must(t, chromedp.Do(ctx, waitJS(fmt.Sprintf(rowsContaining, "unregistered-check"))))
		rows := eval[int](t, ctx, `document.querySelectorAll('#requests tbody tr').length`)
		if rows != 2 {
			t.Errorf("namespace ci-dash shows %d requests, want its own 2 (login, check)", rows)
		}
		screenshot(t, ctx, "04-namespace-ci-dash.png")
	})

	t.Run("token prompt on a protected server", func(t *testing.T) {
		ps := openProtected()
		must(t, chromedp.Do(ctx,
			chromedp.Navigate(ps.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS(`#token-form`)),
		))
		msg := text(t, ctx, "#message")
		if hidden := eval[bool](t, ctx, `getComputedStyle(document.getElementById('app')).display === 'none'`); !hidden {
			t.Errorf("the panels show behind the token prompt")
		}
		if !strings.Contains(msg, "admin token") || strings.Contains(msg, "undefined") {
			t.Errorf("message %q, want it to ask for the admin token", msg)
		}
		screenshot(t, ctx, "05-token-prompt.png")
		must(t, chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.CSS(`#token-input`), "s3cret"),
			chromedp.Click(chromedp.CSS(`#token-form button[type=submit]`)),
		))
		waitAcrossNavigation(t, ctx, `document.getElementById('live').textContent.includes('live') && document.getElementById('token-form').hidden`)
		// ?token= works once and leaves the address bar.
		must(t, chromedp.Do(ctx,
			chromedp.Evaluate[chromedp.Void](`sessionStorage.clear()`),
			chromedp.Navigate(ps.URL+"/ns/ci-tok/?token=s3cret"),
		))
		waitAcrossNavigation(t, ctx, `document.getElementById('live').textContent.includes('live')`)
		search := eval[string](t, ctx, `location.search + location.pathname`)
		if search != "/ns/ci-tok/" {
			t.Errorf("address after ?token= is %q, want /ns/ci-tok/ with no token", search)
		}
		body := eval[string](t, ctx, "document.body.innerText")
		if strings.Contains(body, "undefined") {
			t.Errorf("the page shows undefined")
		}
		screenshot(t, ctx, "06-token-accepted.png")
		must(t, chromedp.Do(ctx, chromedp.Navigate("about:blank"))) // close the stream before the server
	})

	if ex := exceptions(); len(ex) > 0 {
		t.Errorf("uncaught JavaScript exceptions: %v", ex)
	}
	t.Logf("browser test took %v", time.Since(started).Round(time.Millisecond))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func text(t *testing.T, ctx context.Context, css string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(css)))
	must(t, err)
	return v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	must(t, err)
	return v
}

// waitAcrossNavigation polls cond while the page may be navigating (a poll
// dies with the document it ran in, so it is started again).
func waitAcrossNavigation(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still not %s after 10 s (last error %v)", cond, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
