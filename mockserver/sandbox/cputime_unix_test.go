//go:build unix

package sandbox

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user+system) this process has used so far,
// all threads: what BenchmarkNew's first call costs, unlike wall time,
// does not grow while other work holds the CPU.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
