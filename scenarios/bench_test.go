package scenarios

import (
	"os"
	"sync"
	"testing"
)

// Issue 15: the first scenario file a server loads pays for compiling
// schema.json; later ones only for validating.
func BenchmarkLoadCIExample(b *testing.B) {
	data, err := os.ReadFile("examples/ci-deterministic.yaml")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("warm", func(b *testing.B) {
		for b.Loop() {
			if _, err := Load("ci.yaml", data, Checks{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			compileOnce = sync.Once{}
			if _, err := Load("ci.yaml", data, Checks{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
