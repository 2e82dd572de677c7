package httpx

import (
	"context"
	"net/http/httptest"
	"runtime"
	"testing"
)

// A CallContext is what WithCall makes: CallOf finds the Call, every other
// value is the parent's, and a context derived from it is cancelled with
// the parent (the client going away) without a goroutine to watch it.
func TestCallContextCarriesTheCallOverItsParent(t *testing.T) {
	type key struct{}
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "parent's"))
	call := &Call{RequestID: "r-1"}
	cc := &CallContext{Context: parent, Call: call}
	r := httptest.NewRequest("POST", "/", nil).WithContext(cc)
	if got := CallOf(r); got != call {
		t.Fatalf("CallOf = %p, want the Call %p", got, call)
	}
	if got := cc.Value(key{}); got != "parent's" {
		t.Errorf("another key's value = %v, want the parent's", got)
	}
	goroutines := runtime.NumGoroutine()
	child, stop := context.WithCancel(cc)
	defer stop()
	if n := runtime.NumGoroutine(); n != goroutines {
		t.Errorf("deriving a context started %d goroutines", n-goroutines)
	}
	cancel()
	<-child.Done() // would block forever if the cancellation were lost
}
