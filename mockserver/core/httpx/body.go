package httpx

import (
	"errors"
	"io"
	"net/http"
)

// ReadBody reads at most MaxBody bytes; tooLarge reports a longer body
// (whose rest is discarded unread).
func ReadBody(r *http.Request) (body []byte, tooLarge bool, err error) {
	if r.Body == nil {
		return nil, false, nil
	}
	body, err = io.ReadAll(io.LimitReader(r.Body, MaxBody+1))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, false, err
	}
	if len(body) > MaxBody {
		return nil, true, nil
	}
	return body, false, nil
}
