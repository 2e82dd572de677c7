package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles is a diagnostic for start-up cost (issue 15), off unless
// PAYSANDBOX_CPUPROFILE or PAYSANDBOX_MEMPROFILE names a file: the CPU
// profile runs from main to exit at 2 kHz (a start-up is too short for the
// default 100 Hz to show anything), the allocation profile records every
// allocation made after package init (GODEBUG=inittrace=1 shows init's own).
// bench/startup-profile.sh merges many runs. The returned stop writes them.
func startProfiles(stderr io.Writer) (stop func()) {
	cpuFile, memFile := os.Getenv("PAYSANDBOX_CPUPROFILE"), os.Getenv("PAYSANDBOX_MEMPROFILE")
	if memFile != "" {
		runtime.MemProfileRate = 1
	}
	var cpu *os.File
	if cpuFile != "" {
		f, err := os.Create(cpuFile)
		if err != nil {
			fmt.Fprintln(stderr, "PAYSANDBOX_CPUPROFILE:", err)
		} else {
			// Before StartCPUProfile, which then warns that the rate is set.
			runtime.SetCPUProfileRate(2000)
			if err := pprof.StartCPUProfile(f); err != nil {
				fmt.Fprintln(stderr, "PAYSANDBOX_CPUPROFILE:", err)
			}
			cpu = f
		}
	}
	return func() {
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if memFile != "" {
			writeAllocs(memFile, stderr)
		}
	}
}

func writeAllocs(file string, stderr io.Writer) {
	f, err := os.Create(file)
	if err != nil {
		fmt.Fprintln(stderr, "PAYSANDBOX_MEMPROFILE:", err)
		return
	}
	defer f.Close()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		fmt.Fprintln(stderr, "PAYSANDBOX_MEMPROFILE:", err)
	}
}
