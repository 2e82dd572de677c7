package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// PAYSANDBOX_CPUPROFILE and PAYSANDBOX_MEMPROFILE make the binary write
// its start-up profiles when it stops (bench/startup-profile.sh reads them);
// unset, nothing is written.
func TestStartupProfilesAreWrittenOnStop(t *testing.T) {
	rate := runtime.MemProfileRate // startProfiles records every allocation
	t.Cleanup(func() { runtime.MemProfileRate = rate })
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu"), filepath.Join(dir, "allocs")
	t.Setenv("PAYSANDBOX_CPUPROFILE", cpu)
	t.Setenv("PAYSANDBOX_MEMPROFILE", mem)
	var errOut bytes.Buffer
	stop := startProfiles(&errOut)
	_ = bytes.Repeat([]byte("x"), 1<<20) // something to sample
	stop()
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", filepath.Base(f), err)
		}
	}
	t.Setenv("PAYSANDBOX_CPUPROFILE", "")
	t.Setenv("PAYSANDBOX_MEMPROFILE", "")
	os.Remove(cpu)
	startProfiles(&errOut)()
	if _, err := os.Stat(cpu); err == nil {
		t.Error("a profile was written with the variables unset")
	}
}
