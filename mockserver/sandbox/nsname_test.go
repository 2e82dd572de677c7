package sandbox

import (
	"strings"
	"testing"
)

// Issue 14: a subtest's name is a usable namespace through NamespaceFor.
func TestNamespaceFor(t *testing.T) {
	seen := map[string]string{}
	for _, text := range []string{
		"TestPay/refused card", "TestPay/refused_card", "TestPay", "", strings.Repeat("x", 200),
		strings.Repeat("x", 200) + "y", "Тест/оплата", "ci-42",
	} {
		got := NamespaceFor(text)
		if !validNamespace(got) {
			t.Errorf("NamespaceFor(%q) = %q, not a valid namespace", text, got)
		}
		if other, dup := seen[got]; dup {
			t.Errorf("%q and %q share the namespace %q", text, other, got)
		}
		seen[got] = text
	}
	if got := NamespaceFor("ci-42"); got != "ci-42" {
		t.Errorf("a valid name changed: %q", got)
	}
	t.Run("sub test/with spaces", func(t *testing.T) {
		s := newServer(t, Options{})
		code, _ := do(t, s, "POST", "/ns/"+NamespaceFor(t.Name())+"/anorbank/api/ext/user/login", goodLogin)
		if code != 200 {
			t.Errorf("login in %q: %d", NamespaceFor(t.Name()), code)
		}
	})
}
