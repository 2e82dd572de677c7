package wire

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestTrailingSlash(t *testing.T) {
	var seen string
	h := TrailingSlash(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { seen = r.URL.Path }), "/gateway")
	for in, want := range map[string]string{
		"/gateway":   "/gateway",
		"/gateway/":  "/gateway",
		"/gateway//": "/gateway//",
		"/other/":    "/other/",
		"/":          "/",
	} {
		r := httptest.NewRequest("POST", in, nil)
		h.ServeHTTP(httptest.NewRecorder(), r)
		if seen != want {
			t.Errorf("%s served as %s, want %s", in, seen, want)
		}
		if r.URL.Path != in {
			t.Errorf("%s: the caller's request was changed", in)
		}
	}
}
