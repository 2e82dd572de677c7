package profile

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// script writes an executable shell script into a temp dir and returns the dir.
func script(t *testing.T, name, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

type fakeTTY struct {
	io.Reader
	out strings.Builder
}

func (f *fakeTTY) Close() error { return nil }

func TestOTPSources(t *testing.T) {
	echoPhone := script(t, "read-otp.sh", `echo "  12$(echo "$1" | cut -c9-12)  "; echo second line`)
	fails := script(t, "read-otp.sh", `echo "inbox unreachable" >&2; exit 3`)
	hangs := script(t, "read-otp.sh", `sleep 30; echo 123456`)
	garbage := script(t, "read-otp.sh", `echo "no code yet"`)
	tests := []struct {
		name    string
		otp     OTP
		tty     string // what a person types; "" = no terminal input
		want    string
		wantErr string
		within  time.Duration
	}{
		{name: "fixed", otp: OTP{Fixed: "123456"}, want: "123456"},
		{name: "command prints the code for the phone", otp: OTP{Command: "./read-otp.sh {phone}", dir: echoPhone}, want: "124567"},
		{name: "command fails", otp: OTP{Command: "./read-otp.sh {phone}", dir: fails}, wantErr: "otp command ./read-otp.sh: exit status 3: inbox unreachable"},
		{name: "command times out", otp: OTP{Command: "./read-otp.sh {phone}", dir: hangs, Timeout: Duration(300 * time.Millisecond)}, wantErr: "no code within 300ms", within: 5 * time.Second},
		{name: "command prints no code", otp: OTP{Command: "./read-otp.sh", dir: garbage}, wantErr: `"no code yet" is not a code`},
		{name: "command not found", otp: OTP{Command: "./nope.sh", dir: t.TempDir()}, wantErr: "otp command ./nope.sh"},
		{name: "prompt reads a line", otp: OTP{Prompt: true}, tty: " 654321\n", want: "654321"},
		{name: "prompt times out", otp: OTP{Prompt: true, Timeout: Duration(200 * time.Millisecond)}, wantErr: "no code typed within 200ms", within: 5 * time.Second},
		{name: "no source", otp: OTP{}, wantErr: "no source configured"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tty := &fakeTTY{Reader: strings.NewReader(tc.tty)}
			if tc.tty == "" {
				pr, pw := io.Pipe() // nobody types
				t.Cleanup(func() { pw.Close() })
				tty.Reader = pr
			}
			tc.otp.tty = func() (io.ReadCloser, io.Writer, error) { return tty, &tty.out, nil }
			start := time.Now()
			got, err := tc.otp.Code(context.Background(), "998901234567")
			if tc.within > 0 && time.Since(start) > tc.within {
				t.Errorf("took %v, want under %v", time.Since(start), tc.within)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("code = %q, want %q", got, tc.want)
			}
			if tc.otp.Prompt && !strings.Contains(tty.out.String(), "+998901234567") {
				t.Errorf("the prompt does not name the phone: %q", tty.out.String())
			}
		})
	}
}
