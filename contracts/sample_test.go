package contracts

import "os"

// The differential tests compare the compiled fast paths with kin-openapi
// over every generated value: minutes under -race. `make test` runs a
// sample (every sampleStep-th value, a different slice of each corpus per
// test so every value class is still hit); `make test-long` sets
// PAYSANDBOX_LONG=1 and runs them all (issue 14: `make test` under 90 s).
var long = os.Getenv("PAYSANDBOX_LONG") != ""

const sampleStep = 5

// sampled reports whether value i of a corpus is checked in this run.
func sampled(i int) bool { return long || i%sampleStep == 0 }

// atLeast scales a minimum count for a sampled run.
func atLeast(n int) int {
	if long {
		return n
	}
	return n / sampleStep
}
