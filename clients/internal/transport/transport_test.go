package transport

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/paysandbox/paysandbox/clients/internal/clienttest"
)

var errDocumented = errors.New("a documented provider error")

// decode reads {"ok":true}; "no" is a documented error, anything else unreadable.
func decode(a *Answer) error {
	if string(a.Body) == "no" {
		return errDocumented
	}
	var out struct{ OK bool }
	if err := a.JSON(&out); err != nil {
		return err
	}
	if !out.OK {
		return a.Unreadable(errors.New("not ok"))
	}
	return nil
}

func TestRetryRule(t *testing.T) {
	drop := func(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Drop(w) }
	body := func(b string) clienttest.Handler {
		return func(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Write(w, 200, b) }
	}
	tests := []struct {
		name    string
		retry   Retry
		h       clienttest.Handler
		calls   int
		wantErr error // nil: success
		lost    bool  // a *NoAnswerError with Sent
	}{
		{"once, dropped", Once, drop, 1, nil, true},
		{"once, malformed", Once, body("{"), 1, nil, true},
		{"once, empty", Once, body(""), 1, nil, true},
		{"once, documented error", Once, body("no"), 1, errDocumented, false},
		{"read, dropped", Read, drop, Attempts, nil, true},
		{"read, malformed", Read, body(`{"ok":false}`), Attempts, nil, true},
		{"read, documented error", Read, body("no"), 1, errDocumented, false},
		{"read, dropped once", Read, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 1 {
				drop(w, r, n)
				return
			}
			clienttest.Write(w, 200, `{"ok":true}`)
		}, 2, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := clienttest.NewServer(t, tc.h)
			c := New("test", srv.URL)
			err := c.Do(context.Background(), &Call{Method: http.MethodPost, Path: "/x", In: map[string]int{"a": 1}, Retry: tc.retry, Decode: decode})
			if got := srv.Calls("/x"); got != tc.calls {
				t.Errorf("sent %d times, want %d", got, tc.calls)
			}
			var na *NoAnswerError
			if lost := errors.As(err, &na) && na.Sent; lost != tc.lost {
				t.Errorf("err = %v; lost answer = %v, want %v", err, lost, tc.lost)
			}
			if !tc.lost && !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}
}

// A call that never left the client (its dial failed) is resent even when
// it moves money; once every dial failed it reports Sent false.
func TestNothingSentIsResent(t *testing.T) {
	ok := func(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Write(w, 200, `{"ok":true}`) }
	for _, tc := range []struct {
		failing int32
		calls   int
	}{{1, 1}, {Attempts - 1, 1}, {Attempts, 0}} {
		srv := clienttest.NewServer(t, ok)
		hc, dials := clienttest.FailingDials(tc.failing)
		c := New("test", srv.URL)
		c.HTTP = hc
		err := c.Do(context.Background(), &Call{Method: http.MethodPost, Path: "/pay", Retry: Once, Decode: decode})
		if got := srv.Calls("/pay"); got != tc.calls || dials.Load() != min(tc.failing+1, Attempts) {
			t.Errorf("%d failing dials: %d calls after %d dials, want %d", tc.failing, got, dials.Load(), tc.calls)
		}
		var na *NoAnswerError
		if failed := errors.As(err, &na) && !na.Sent; failed != (tc.calls == 0) {
			t.Errorf("%d failing dials: err = %v", tc.failing, err)
		}
	}
}

func TestBackoffStopsWithTheContext(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { clienttest.Drop(w) })
	c := New("test", srv.URL)
	c.Backoff = time.Hour
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.Do(ctx, &Call{Method: http.MethodGet, Path: "/r", Retry: Read, Decode: decode}) }()
	select {
	case err := <-done:
		if err == nil || srv.Calls("/r") != 1 {
			t.Fatalf("err = %v after %d calls; want the first failure", err, srv.Calls("/r"))
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Do still waits out its backoff after the context ended")
	}
}

func TestAuthAndHeaders(t *testing.T) {
	srv := clienttest.NewServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		u, p, _ := r.BasicAuth()
		if u != "u" || p != "p" || r.Header.Get("Lang") != "uz" || r.Header.Get("X-Call") != "1" || r.Header.Get("Content-Type") != "application/yaml" {
			t.Errorf("headers = %v", r.Header)
		}
		clienttest.Write(w, 200, `{"ok":true}`)
	})
	c := New("test", srv.URL+"/")
	c.Header = http.Header{"lang": {"uz"}}
	c.Auth = Basic("u", "p")
	call := &Call{Method: http.MethodPut, Path: "/s", Body: []byte("a: 1"), ContentType: "application/yaml", Header: http.Header{"X-Call": {"1"}}, Decode: decode}
	if err := c.Do(context.Background(), call); err != nil {
		t.Fatal(err)
	}
	c.Auth = Basic("", "")
	if err := c.Do(context.Background(), call); !errors.Is(err, ErrNoCredentials) || srv.Total() != 1 {
		t.Fatalf("err = %v after %d calls; want ErrNoCredentials before sending", err, srv.Total())
	}
}
