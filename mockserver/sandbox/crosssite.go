package sandbox

import (
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// crossSiteRefusal guards a control API without a token against browsers
// (issue 13.8): any web page can make a browser send a "simple" POST to
// 127.0.0.1, and a DNS-rebinding page can even read the answers. It returns
// the HTTP status and the reason to refuse r, or 0.
//
//   - Host must be loopback by name or an IP literal: a rebinding page's
//     requests carry its own domain name.
//   - A write must not come from a foreign Origin.
//   - A POST must carry a JSON (or YAML) body type: the three types a page
//     may send without a CORS preflight are refused. PUT and DELETE always
//     need a preflight, which this server never grants.
func crossSiteRefusal(r *http.Request) (int, string) {
	if !localHost(r.Host) {
		return http.StatusForbidden, "Host " + r.Host + " is not a loopback name or an IP address (DNS rebinding guard): call the sandbox as 127.0.0.1 or localhost, or start it with -admin-token"
	}
	if safeMethod(r.Method) {
		return 0, ""
	}
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || u.Host != r.Host {
			return http.StatusForbidden, "control-API writes from another site (Origin " + o + ") are refused; start the sandbox with -admin-token to allow them"
		}
	}
	if r.Method == http.MethodPost && simpleContentType(r.Header.Get("Content-Type")) {
		return http.StatusUnsupportedMediaType, "control-API POSTs need Content-Type: application/json (a browser can send " + r.Header.Get("Content-Type") + " from any site)"
	}
	return 0, ""
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// localHost: localhost (and its subdomains, which resolve to loopback by
// RFC 6761) or an IP literal, with or without a port.
func localHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if host == "" {
		return true // HTTP/1.0 without Host: not a browser
	}
	if net.ParseIP(host) != nil {
		return true
	}
	host = strings.ToLower(host)
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// simpleContentType reports the body types a page may POST cross-site
// without a preflight (the Fetch standard's CORS-safelisted types; curl -d
// sends one of them too, hence the message). A POST with no body type passes
// here: a browser sending one cross-site also sends its Origin.
func simpleContentType(ct string) bool {
	if ct == "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return true
	}
	switch mt {
	case "application/x-www-form-urlencoded", "multipart/form-data", "text/plain":
		return true
	}
	return false
}
