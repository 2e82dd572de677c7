package wire

import (
	"errors"
	"fmt"
	"net/http/httptest"
	"testing"
)

// Serve answers through exactly one of the Front's writers, or none when
// the operation says a fault already answered.
func TestServe(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		prepare error
		op      func() (any, error)
		want    string
	}{
		{"success", nil, func() (any, error) { return "ok", nil }, "succeed ok"},
		{"operation error", nil, func() (any, error) { return nil, boom }, "fail boom"},
		{"prepare error skips the operation", boom, func() (any, error) { panic("ran") }, "fail boom"},
		{"answered by a fault", nil, func() (any, error) { return nil, ErrAnswered }, ""},
		{"answered, wrapped", nil, func() (any, error) { return nil, fmt.Errorf("op: %w", ErrAnswered) }, ""},
		{"answered while preparing", ErrAnswered, func() (any, error) { panic("ran") }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			f := &Front[string]{
				Prepare: func(*Exchange) (string, error) { return "req", tc.prepare },
				Succeed: func(_ *Exchange, req string, result any) { got = fmt.Sprint("succeed ", result) },
				Fail:    func(_ *Exchange, req string, err error) { got = "fail " + err.Error() },
			}
			h := Serve(f, func(*Exchange, string) (any, error) { return tc.op() })
			h(&Exchange{W: httptest.NewRecorder(), R: httptest.NewRequest("POST", "/", nil)})
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
