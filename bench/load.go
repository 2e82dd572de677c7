package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// result of one case.
type result struct {
	rps      float64
	p50, p99 time.Duration
	errors   int
	n        int
	total    int           // requests including the warm-up
	cpu      time.Duration // server CPU (user+system) over the whole run, when known
}

// cpuPerRequest is the server's CPU cost of one request.
func (r result) cpuPerRequest() time.Duration {
	if r.total == 0 {
		return 0
	}
	return r.cpu / time.Duration(r.total)
}

// rawRequest builds the i-th request's bytes.
type rawRequest func(i int64) []byte

// accept decides whether an answer counts as a success.
type accept func(status int, body []byte) bool

func httpRequest(method, path, host string, headers map[string]string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", method, path, host)
	for k, v := range headers {
		fmt.Fprintf(&b, "%s: %s\r\n", k, v)
	}
	if body != nil {
		fmt.Fprintf(&b, "Content-Type: application/json\r\nContent-Length: %d\r\n", len(body))
	}
	b.WriteString("\r\n")
	b.Write(body)
	return b.Bytes()
}

// load runs conns keep-alive connections against addr for warm+dur and
// measures the requests that finished in the measured window.
func load(addr string, conns int, dur, warm time.Duration, req rawRequest, ok accept) (result, error) {
	var seq atomic.Int64
	start := time.Now()
	measureFrom, stopAt := start.Add(warm), start.Add(warm+dur)
	var mu sync.Mutex
	var lat []time.Duration
	var errs, n, total int
	var firstErr error
	var wg sync.WaitGroup
	for range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make([]time.Duration, 0, 1<<15)
			localErrs, localTotal := 0, 0
			c, err := net.Dial("tcp", addr)
			if err != nil {
				mu.Lock()
				firstErr = err
				mu.Unlock()
				return
			}
			defer c.Close()
			br := bufio.NewReaderSize(c, 64<<10)
			for {
				t0 := time.Now()
				if t0.After(stopAt) {
					break
				}
				if _, err := c.Write(req(seq.Add(1))); err != nil {
					localErrs++
					break
				}
				status, body, err := readResponse(br)
				t1 := time.Now()
				if err != nil {
					localErrs++
					break
				}
				localTotal++
				if t0.After(measureFrom) {
					local = append(local, t1.Sub(t0))
					if !ok(status, body) {
						localErrs++
					}
				}
			}
			mu.Lock()
			lat = append(lat, local...)
			errs += localErrs
			total += localTotal
			mu.Unlock()
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return result{}, firstErr
	}
	n = len(lat)
	if n == 0 {
		return result{}, fmt.Errorf("no request finished")
	}
	slices.Sort(lat)
	return result{rps: float64(n) / dur.Seconds(), p50: lat[n/2], p99: lat[n*99/100], errors: errs, n: n, total: total}, nil
}

// readResponse reads one HTTP/1.1 response with a Content-Length body.
func readResponse(br *bufio.Reader) (int, []byte, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, nil, err
	}
	if len(line) < 12 {
		return 0, nil, fmt.Errorf("short status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, nil, err
	}
	length := -1
	for {
		h, err := br.ReadSlice('\n')
		if err != nil {
			return 0, nil, err
		}
		if len(h) <= 2 {
			break
		}
		if len(h) > 16 && bytes.EqualFold(h[:15], []byte("Content-Length:")) {
			length, _ = strconv.Atoi(string(bytes.TrimSpace(h[15:])))
		}
	}
	if length < 0 {
		return 0, nil, fmt.Errorf("no Content-Length")
	}
	body := make([]byte, length)
	_, err = io.ReadFull(br, body)
	return status, body, err
}
