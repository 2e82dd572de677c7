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

// limitListener accepts at most n connections at a time (net/http has no
// such bound). When every slot is taken it first makes room: makeRoom
// closes the idle keep-alive connections (and those that sent nothing for
// 5 s), so a careful client holding many idle connections does not make a
// new one wait for -idle-timeout. What stays busy (a body still arriving)
// keeps its slot until -read-timeout; the rest wait in the kernel's backlog.
type limitListener struct {
	net.Listener
	slots    chan struct{}
	makeRoom func()
}

// roomEvery is how often a waiting Accept makes room again: connections
// that have sent nothing become closable 5 s after they opened.
const roomEvery = time.Second

func limitConns(ln net.Listener, n int, makeRoom func()) net.Listener {
	if n <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), makeRoom: makeRoom}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.take()
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

// take waits for a free slot, making room while it waits.
func (l *limitListener) take() {
	for {
		select {
		case l.slots <- struct{}{}:
			return
		default:
		}
		if l.makeRoom != nil {
			l.makeRoom()
		}
		select {
		case l.slots <- struct{}{}:
			return
		case <-time.After(roomEvery):
		}
	}
}

// closeIdle closes hs's idle connections: net/http does so when keep-alives
// are switched off, and switching them straight back on only means a
// response written in between says "Connection: close".
func closeIdle(hs *http.Server) func() {
	return func() {
		hs.SetKeepAlivesEnabled(false)
		hs.SetKeepAlivesEnabled(true)
	}
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
