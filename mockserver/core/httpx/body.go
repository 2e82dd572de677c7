package httpx

import (
	"errors"
	"io"
	"net/http"
	"slices"
)

// ReadBody reads at most MaxBody bytes; tooLarge reports a longer body
// (whose rest is discarded unread).
func ReadBody(r *http.Request) (body []byte, tooLarge bool, err error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, false, nil
	}
	// Sized from Content-Length, the body is read into one buffer instead
	// of one that doubles and copies as it fills (a body near the limit was
	// copied a dozen times, which under -race cost 0.3 s a request), and
	// into one that fits it: the journal keeps the buffer by reference, and
	// bytes.Buffer's 512 spare bytes were most of what a small body cost.
	buf := make([]byte, 0, sizeHint(r.ContentLength))
	for len(buf) <= MaxBody {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, 1)
		}
		n, err := r.Body.Read(buf[len(buf):min(cap(buf), MaxBody+1)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, false, err
		}
	}
	if len(buf) > MaxBody {
		return nil, true, nil
	}
	return buf, false, nil
}

// sizeHint is the capacity that holds a body of the declared length (up to
// the limit) and one byte more, for the read that sees the end.
func sizeHint(contentLength int64) int {
	if contentLength < 0 {
		return 512 // unknown (chunked): grow as it comes
	}
	return int(min(contentLength, MaxBody)) + 1
}
