package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// connStats is what the connection hog saw.
type connStats struct {
	opened, refused  atomic.Int64 // dials that connected / failed
	open, peakOpen   atomic.Int64 // connections open now / at most at once
	slowCut, idleCut atomic.Int64 // closed by the server before we let go
	longestSlowMS    atomic.Int64 // how long a slow body was trickled before the server cut it, at most
	phases           atomic.Int64
}

// hogConns alternates phases: for hold, keep target connections open, half
// trickling a request body one byte a second, half idle after one answer
// (keep-alive); then let them all go for rest. target is above
// -max-conns, so the server is held at its connection limit.
func hogConns(ctx context.Context, wg *sync.WaitGroup, addr string, target int, hold, rest time.Duration, s *connStats) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			s.phases.Add(1)
			phase, cancel := context.WithTimeout(ctx, hold)
			var pw sync.WaitGroup
			for i := range target {
				pw.Add(1)
				go func() {
					defer pw.Done()
					if i%2 == 0 {
						slowBody(phase, addr, s)
					} else {
						idleKeepAlive(phase, addr, s)
					}
				}()
				if i%50 == 49 {
					time.Sleep(10 * time.Millisecond) // open them over a second or so, not in one SYN burst
				}
			}
			pw.Wait()
			cancel()
			select {
			case <-ctx.Done():
			case <-time.After(rest):
			}
		}
	}()
}

func dialHog(ctx context.Context, addr string, s *connStats) net.Conn {
	var d net.Dialer
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		if ctx.Err() == nil {
			s.refused.Add(1)
		}
		return nil
	}
	s.opened.Add(1)
	n := s.open.Add(1)
	for {
		p := s.peakOpen.Load()
		if n <= p || s.peakOpen.CompareAndSwap(p, n) {
			break
		}
	}
	context.AfterFunc(ctx, func() { c.Close() })
	return c
}

// slowBody announces a 1 MB body and sends one byte a second until the
// phase ends or the server closes the connection (its -read-timeout).
func slowBody(ctx context.Context, addr string, s *connStats) {
	c := dialHog(ctx, addr, s)
	if c == nil {
		return
	}
	defer s.open.Add(-1)
	defer c.Close()
	t0 := time.Now()
	head := fmt.Sprintf("POST /ns/soak-slow/aloqa/transactions/debit HTTP/1.1\r\nHost: %s\r\nAuthorization: %s\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{", addr, basic("sandbox", "sandbox"))
	if _, err := c.Write([]byte(head)); err != nil {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Second):
		}
		if _, err := c.Write([]byte(" ")); err != nil {
			if ctx.Err() == nil {
				s.slowCut.Add(1)
				held := time.Since(t0).Milliseconds()
				for {
					p := s.longestSlowMS.Load()
					if held <= p || s.longestSlowMS.CompareAndSwap(p, held) {
						break
					}
				}
			}
			return
		}
	}
}

// idleKeepAlive asks for one health answer, then holds the connection
// open and silent until the phase ends or the server closes it.
func idleKeepAlive(ctx context.Context, addr string, s *connStats) {
	c := dialHog(ctx, addr, s)
	if c == nil {
		return
	}
	defer s.open.Add(-1)
	defer c.Close()
	if _, err := fmt.Fprintf(c, "GET /__admin/health HTTP/1.1\r\nHost: %s\r\n\r\n", addr); err != nil {
		return
	}
	br := bufio.NewReader(c)
	// Reading returns when the server closes the idle connection (or the
	// phase ends and closes it here).
	for {
		if _, err := br.ReadByte(); err != nil {
			if ctx.Err() == nil {
				s.idleCut.Add(1)
			}
			return
		}
	}
}
