package wire

import (
	"net/http"
	"slices"
	"strings"
)

// TrailingSlash serves each of paths also when it is requested with one
// trailing slash (`/gateway/`): HTTP clients built on a base URI ending in
// `/` send exactly that. The request is served as the documented path, so
// routing, contract checks and rules see one operation. Every other path
// passes through unchanged.
func TrailingSlash(h http.Handler, paths ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutSuffix(r.URL.Path, "/")
		if !ok || !slices.Contains(paths, p) {
			h.ServeHTTP(w, r)
			return
		}
		r2 := new(http.Request)
		*r2 = *r
		u := *r.URL
		u.Path, u.RawPath = p, ""
		r2.URL = &u
		h.ServeHTTP(w, r2)
	})
}
