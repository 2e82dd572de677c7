package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
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
		ConnState:         trackConnState,
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
// such bound). When every slot is taken it first makes room: it closes the
// keep-alive connections idle for at least idleGrace (and those that sent
// nothing for 5 s, as net/http counts them idle), so a careful client
// holding many idle connections does not make a new one wait for
// -idle-timeout. A connection that has only just become idle is left alone:
// its client may be sending its next request on it right now, and closing
// it then loses that request (a POST is not retried; the soak saw it).
// What stays busy (a body still arriving) keeps its slot until
// -read-timeout; the rest wait in the kernel's backlog.
type limitListener struct {
	net.Listener
	slots chan struct{}
	mu    sync.Mutex
	conns map[*limitedConn]struct{}
}

const (
	// roomEvery is how often a waiting Accept makes room again at most.
	roomEvery = time.Second
	// idleGrace: a connection idle this long may be closed to make room.
	idleGrace = 250 * time.Millisecond
	// silentNew: a connection that sent nothing this long counts as idle.
	silentNew = 5 * time.Second
)

func limitConns(ln net.Listener, n int) net.Listener {
	if n <= 0 {
		return ln
	}
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), conns: map[*limitedConn]struct{}{}}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.take()
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	lc := &limitedConn{Conn: c}
	lc.since.Store(time.Now().UnixNano())
	lc.release = func() {
		l.mu.Lock()
		delete(l.conns, lc)
		l.mu.Unlock()
		<-l.slots
	}
	l.mu.Lock()
	l.conns[lc] = struct{}{}
	l.mu.Unlock()
	return lc, nil
}

// take waits for a free slot, making room while it waits.
func (l *limitListener) take() {
	for {
		select {
		case l.slots <- struct{}{}:
			return
		default:
		}
		wait := l.makeRoom(time.Now())
		select {
		case l.slots <- struct{}{}:
			return
		case <-time.After(wait):
		}
	}
}

// makeRoom closes the connections idle for idleGrace or more (or silent
// since they opened for silentNew) and returns how long until the next one
// would be, at most roomEvery.
func (l *limitListener) makeRoom(now time.Time) time.Duration {
	wait := roomEvery
	var closable []*limitedConn
	l.mu.Lock()
	for c := range l.conns {
		limit := idleGrace
		switch http.ConnState(c.state.Load()) {
		case http.StateIdle:
		case http.StateNew:
			limit = silentNew
		default:
			continue
		}
		if left := limit - now.Sub(time.Unix(0, c.since.Load())); left <= 0 {
			closable = append(closable, c)
		} else {
			wait = min(wait, left)
		}
	}
	l.mu.Unlock()
	for _, c := range closable {
		_ = c.Close()
	}
	return wait
}

// trackConnState is the server's ConnState hook: each limited connection
// knows its state and since when, which makeRoom reads.
func trackConnState(c net.Conn, st http.ConnState) {
	if lc, ok := c.(*limitedConn); ok {
		lc.since.Store(time.Now().UnixNano())
		lc.state.Store(int32(st))
	}
}

type limitedConn struct {
	net.Conn
	state   atomic.Int32 // an http.ConnState
	since   atomic.Int64 // when it entered state, in Unix nanoseconds
	once    sync.Once
	release func()
}

func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
