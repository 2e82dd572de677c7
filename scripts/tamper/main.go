// Command tamper is a reverse proxy for live-smoke's drift test: it stands
// between a live run and the stand-in and changes one answer, as a real
// provider might without notice. It listens on loopback only and prints
// "tamper listening on http://127.0.0.1:PORT". Each -edit changes one
// field of the answer: "data.doc_id=>document_id" renames it,
// "data.payment_status=42" sets it to a JSON value (or a string).
//
//	go run ./scripts/tamper -to http://127.0.0.1:8080 -method POST -path /requisites/api/v2/payment \
//	  -edit 'data.doc_id=>document_id' -edit 'data.payment_status=42' -edit 'status="ok"'
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

// edits are the -edit flags.
type edits []string

func (e *edits) String() string     { return strings.Join(*e, " ") }
func (e *edits) Set(v string) error { *e = append(*e, v); return nil }

// apply makes each edit that finds its field; false when none did.
func (e edits) apply(doc any) bool {
	changed := false
	for _, ed := range e {
		field, rename, isRename := strings.Cut(ed, "=>")
		value := ""
		if !isRename {
			field, value, _ = strings.Cut(ed, "=")
		}
		if edit(doc, strings.Split(field, "."), value, rename) {
			changed = true
		}
	}
	return changed
}

func main() {
	to := flag.String("to", "", "the stand-in's base URL (loopback)")
	method := flag.String("method", http.MethodGet, "change answers to requests of this method")
	path := flag.String("path", "", "change answers to requests whose path starts with this")
	var all edits
	flag.Var(&all, "edit", "field=JSON sets a field (dotted for nested: data.balance=1), field=>name renames it; repeatable")
	flag.Parse()
	target, err := url.Parse(*to)
	if err != nil || (target.Hostname() != "127.0.0.1" && target.Hostname() != "localhost") {
		log.Fatalf("tamper: -to must be a loopback URL, got %q", *to)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.Method != *method || !strings.HasPrefix(resp.Request.URL.Path, *path) {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		var doc any
		if json.Unmarshal(body, &doc) == nil && all.apply(doc) {
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
