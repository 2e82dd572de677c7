// Command tamper is a reverse proxy for live-smoke's drift test: it stands
// between a live run and the stand-in and changes one answer, as a real
// provider might without notice. It listens on loopback only and prints
// "tamper listening on http://127.0.0.1:PORT".
//
//	go run ./scripts/tamper -to http://127.0.0.1:8080 -path /requisites/api/v2/account/ -field data.balance -value 10000000000
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"strconv"
	"strings"
)

// edit changes (or renames) the field at path in doc; false when absent.
func edit(doc any, path []string, value, rename string) bool {
	m, ok := doc.(map[string]any)
	if !ok {
		return false
	}
	v, ok := m[path[0]]
	if !ok {
		return false
	}
	if len(path) > 1 {
		return edit(v, path[1:], value, rename)
	}
	if rename != "" {
		delete(m, path[0])
		m[rename] = v
		return true
	}
	var nv any
	if json.Unmarshal([]byte(value), &nv) != nil {
		nv = value
	}
	m[path[0]] = nv
	return true
}

func main() {
	to := flag.String("to", "", "the stand-in's base URL (loopback)")
	path := flag.String("path", "", "change answers to GET requests whose path starts with this")
	field := flag.String("field", "", "JSON field to change, dotted for nested fields (data.balance)")
	value := flag.String("value", "", "new value, as JSON (2, \"x\", null); empty with -rename")
	rename := flag.String("rename", "", "rename the field to this instead of changing its value")
	flag.Parse()
	target, err := url.Parse(*to)
	if err != nil || (target.Hostname() != "127.0.0.1" && target.Hostname() != "localhost") {
		log.Fatalf("tamper: -to must be a loopback URL, got %q", *to)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.Method != http.MethodGet || !strings.HasPrefix(resp.Request.URL.Path, *path) {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		var doc any
		if json.Unmarshal(body, &doc) == nil && edit(doc, strings.Split(*field, "."), *value, *rename) {
			body, _ = json.Marshal(doc)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
		return nil
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stdout, "tamper listening on http://%s\n", ln.Addr())
	log.Fatal(http.Serve(ln, proxy))
}
