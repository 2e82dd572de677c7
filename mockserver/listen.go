package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"
)

// limits bound what one client can hold of the server (issue 13): a slow
// body, an idle keep-alive connection or a flood of connections must not
// exhaust it for everybody else.
type limits struct {
	readTimeout     time.Duration // whole request, body included
	writeTimeout    time.Duration // longer than every scripted delay or timeout fault
	idleTimeout     time.Duration // keep-alive connection with no request
	shutdownTimeout time.Duration // in-flight requests get this long at SIGTERM
	maxConns        int           // connections served at once; more wait to be accepted
}

// newHTTPServer is the net/http server with the limits applied.
func newHTTPServer(h http.Handler, l limits, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(10*time.Second, l.readTimeout),
		ReadTimeout:       l.readTimeout,
		WriteTimeout:      l.writeTimeout,
		IdleTimeout:       l.idleTimeout,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// shutdown stops accepting and lets requests in flight finish for up to
// timeout; connections still open then (a client trickling a body) are
// closed, so the caller can save the state and exit 0 (D-8).
func shutdown(hs *http.Server, timeout time.Duration, log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	err := hs.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		log.Warn("shutdown: closing connections still open after the grace period", "grace", timeout)
		_ = hs.Close()
	}
}

// limitListener accepts at most n connections at a time; the rest wait in
// the kernel's backlog until one closes (net/http has no such bound).
type limitListener struct {
	net.Listener
	slots chan struct{}
}

func limitConns(ln net.Listener, n int) net.Listener {
	if n <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, slots: make(chan struct{}, n)}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.slots <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
