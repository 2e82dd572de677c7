package httpx

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

func request(body string, contentLength int64) *http.Request {
	return &http.Request{Body: io.NopCloser(strings.NewReader(body)), ContentLength: contentLength}
}

func TestReadBody(t *testing.T) {
	for _, size := range []int{0, 1, MaxBody, MaxBody + 1, 2*MaxBody + 7} {
		body := strings.Repeat("x", size)
		for _, declared := range []struct {
			name string
			n    int64
		}{{"Content-Length", int64(size)}, {"chunked", -1}, {"Content-Length short", int64(size / 2)}, {"Content-Length long", int64(size) + 100}} {
			got, tooLarge, err := ReadBody(request(body, declared.n))
			switch {
			case err != nil:
				t.Errorf("%d bytes, %s: %v", size, declared.name, err)
			case tooLarge != (size > MaxBody):
				t.Errorf("%d bytes, %s: tooLarge %v", size, declared.name, tooLarge)
			case !tooLarge && string(got) != body:
				t.Errorf("%d bytes, %s: read %d bytes, not the body", size, declared.name, len(got))
			case tooLarge && got != nil:
				t.Errorf("%d bytes, %s: a body over the limit came back (%d bytes)", size, declared.name, len(got))
			}
		}
	}
	if got, tooLarge, err := ReadBody(&http.Request{}); got != nil || tooLarge || err != nil {
		t.Errorf("no body: %q %v %v", got, tooLarge, err)
	}
}

// A body of known length is read into one buffer: growing one that doubles
// as it fills copied a body near the limit a dozen times, 0.3 s a request
// under -race (the contract suite's 1 MiB specs).
func TestReadBodyAllocatesOnceForAKnownLength(t *testing.T) {
	body := bytes.Repeat([]byte("x"), MaxBody)
	var r bytes.Reader
	req := &http.Request{Body: io.NopCloser(&r), ContentLength: MaxBody}
	allocs := testing.AllocsPerRun(5, func() {
		r.Reset(body)
		if _, tooLarge, err := ReadBody(req); err != nil || tooLarge {
			t.Fatal(err, tooLarge)
		}
	})
	if allocs > 3 {
		t.Errorf("reading a %d-byte body took %.0f allocations, want at most 3", MaxBody, allocs)
	}
}

// A body of known length is read into a buffer that fits it (one byte to
// spare, to see the end), in one allocation: the journal keeps that buffer
// by reference, so spare room would be kept with every entry (issue 15).
func TestReadBodyFitsAKnownLength(t *testing.T) {
	for _, size := range []int{1, 180, 4096, MaxBody} {
		body := bytes.Repeat([]byte("x"), size)
		var r bytes.Reader
		req := &http.Request{Body: io.NopCloser(&r), ContentLength: int64(size)}
		var got []byte
		allocs := testing.AllocsPerRun(5, func() {
			r.Reset(body)
			got, _, _ = ReadBody(req)
		})
		if allocs > 1 || cap(got) > size+1 {
			t.Errorf("a %d-byte body: %.0f allocations, capacity %d; want 1 allocation, capacity at most %d", size, allocs, cap(got), size+1)
		}
	}
}
