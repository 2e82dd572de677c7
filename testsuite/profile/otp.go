package profile

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// OTP is where the suite reads the code a sandbox sends by SMS: exactly one
// of Fixed (sandboxes with a fixed test code), Command (prints the code:
// an SMS gateway's API, a shared inbox) or Prompt (asks on the terminal).
type OTP struct {
	Fixed   string   `json:"fixed,omitempty"`
	Command string   `json:"command,omitempty"`
	Prompt  bool     `json:"prompt,omitempty"`
	Timeout Duration `json:"timeout,omitempty"`

	dir string // the profile's directory: relative commands resolve here
	// tty opens the terminal; tests replace it.
	tty func() (io.ReadCloser, io.Writer, error)
}

// Default timeouts: a command is a machine, a prompt waits for a person.
const (
	DefaultCommandTimeout = 30 * time.Second
	DefaultPromptTimeout  = 2 * time.Minute
)

var codeRE = regexp.MustCompile(`^[0-9A-Za-z]{3,12}$`)

// Kind names the source: "fixed", "command" or "prompt".
func (o *OTP) Kind() string {
	switch {
	case o.Fixed != "":
		return "fixed"
	case o.Command != "":
		return "command"
	case o.Prompt:
		return "prompt"
	}
	return ""
}

// Code returns the code the sandbox sent to phone.
func (o *OTP) Code(ctx context.Context, phone string) (string, error) {
	var code string
	var err error
	switch o.Kind() {
	case "fixed":
		return o.Fixed, nil
	case "command":
		code, err = o.run(ctx, phone)
	case "prompt":
		code, err = o.ask(ctx, phone)
	default:
		return "", errors.New("otp: no source configured (fixed, command or prompt)")
	}
	if err != nil {
		return "", err
	}
	if !codeRE.MatchString(code) {
		return "", fmt.Errorf("otp %s: %q is not a code (3 to 12 letters or digits)", o.Kind(), code)
	}
	return code, nil
}

func (o *OTP) timeout(def time.Duration) time.Duration {
	if o.Timeout > 0 {
		return o.Timeout.D()
	}
	return def
}

// run executes the command (no shell: argv split on spaces, {phone}
// replaced in each argument) and reads the code from the first line it
// prints. A relative program path resolves against the profile's directory.
func (o *OTP) run(ctx context.Context, phone string) (string, error) {
	argv := strings.Fields(o.Command)
	for i, a := range argv {
		argv[i] = strings.ReplaceAll(a, "{phone}", phone)
	}
	prog := argv[0]
	if strings.Contains(prog, "/") && !filepath.IsAbs(prog) && o.dir != "" {
		prog = filepath.Join(o.dir, prog)
	}
	d := o.timeout(DefaultCommandTimeout)
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, argv[1:]...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	killGroup(cmd)
	cmd.WaitDelay = time.Second // a grandchild holding stdout must not hang the suite
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		return "", fmt.Errorf("otp command %s: no code within %v", argv[0], d)
	}
	if err != nil {
		return "", fmt.Errorf("otp command %s: %v: %s", argv[0], err, firstLine(stderr.String()))
	}
	return firstLine(stdout.String()), nil
}

// ask prints the phone on the terminal and reads one line, within the timeout.
func (o *OTP) ask(ctx context.Context, phone string) (string, error) {
	open := o.tty
	if open == nil {
		open = openTTY
	}
	in, out, err := open()
	if err != nil {
		return "", fmt.Errorf("otp prompt: no terminal: %w", err)
	}
	defer in.Close()
	d := o.timeout(DefaultPromptTimeout)
	fmt.Fprintf(out, "\npaysandbox: enter the code sent by SMS to +%s (within %v): ", phone, d)
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(in).ReadString('\n')
		line <- s
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case s := <-line:
		return strings.TrimSpace(s), nil
	case <-t.C:
		return "", fmt.Errorf("otp prompt: no code typed within %v", d)
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func openTTY() (io.ReadCloser, io.Writer, error) {
	f, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return nil, nil, err
	}
	return f, f, nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
