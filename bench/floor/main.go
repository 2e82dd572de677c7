// Command floor is make bench's start-up reference: a net/http server that
// does nothing but announce itself and answer every request with {}. It
// is measured exactly as the mockserver is (exec to the first answered
// login, pinned to one core), so the start-up figure can be read against
// what any Go HTTP server costs on the same machine at the same moment.
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.String("log-level", "", "accepted, as the mockserver's, and ignored")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("listening on http://" + ln.Addr().String())
	_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{}`))
	}))
}
