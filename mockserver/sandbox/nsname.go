package sandbox

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// NamespaceFor turns any text into a valid namespace name (1-64 of
// [A-Za-z0-9._-]), so a test can use its own name: t.Name() of a subtest
// holds "/" and spaces. Different texts get different names: a long one
// keeps its start and a hash of the whole.
func NamespaceFor(text string) string {
	var b strings.Builder
	for _, r := range text {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	name := b.String()
	if name == text && name != "" && len(name) <= 64 {
		return name
	}
	h := fnv.New32a()
	h.Write([]byte(text))
	suffix := fmt.Sprintf("-%08x", h.Sum32())
	return name[:min(len(name), 64-len(suffix))] + suffix
}
