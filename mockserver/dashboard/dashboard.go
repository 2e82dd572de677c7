// Package dashboard is the sandbox's web page: per namespace, the live
// request journal with filters and a detail view, the SMS outbox, the card
// ledger, provider state, the clock, faults, reset and error coverage, all
// read and driven through the control API. Static, embedded, no build step,
// no CDN: the page works offline. Standard library only.
package dashboard

import (
	_ "embed"
	"net/http"
	"strings"
	"sync"
)

var (
	//go:embed index.html
	indexHTML string
	//go:embed app.css
	appCSS string
	//go:embed app.js
	appJS string
)

// page is index.html with its stylesheet and script inlined: the sandbox
// serves the dashboard at / and /ns/{name}/ only, so the page needs no
// other URL (and works at /ns/{name} without the slash too). Built on the
// first request, not at every start (about 0.2 MB allocated; issue 15).
var page = sync.OnceValue(func() []byte {
	return []byte(strings.NewReplacer(
		`<link rel="stylesheet" href="app.css">`, "<style>\n"+appCSS+"</style>",
		`<script src="app.js"></script>`, "<script>\n"+appJS+"</script>",
	).Replace(indexHTML))
})

// Handler serves the page.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src 'self' data:")
		_, _ = w.Write(page())
	})
}
