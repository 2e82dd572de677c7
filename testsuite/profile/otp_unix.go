//go:build unix

package profile

import (
	"os/exec"
	"syscall"
)

// killGroup makes a timeout kill the command and everything it started.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
