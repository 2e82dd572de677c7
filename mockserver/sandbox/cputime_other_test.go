//go:build !unix

package sandbox

import "time"

// processCPU is not measured here (BenchmarkNew reports 0).
func processCPU() time.Duration { return 0 }
