package requisiteshttp_test

import (
	"strings"
	"testing"
)

// The forms real clients send to documented operations (issue 11): ids with
// "/" and other reserved characters (D-13), trailing slashes, a base URL
// ending in "/", a GET statement with a query string (RQ-7).
func TestPathsRealClientsSend(t *testing.T) {
	srv := mustServer(t)
	ns := freshNS()
	pay := func(id string) string {
		a := do(t, srv, ns, "POST", "/api/v2/payment/", strings.Replace(goodBody, `"009445151277"`, `"`+id+`"`, 1), true)
		doc, _ := a.body["data"].(map[string]any)["doc_id"].(string)
		if a.status != 200 || doc == "" {
			t.Fatalf("pay %q: HTTP %d %s", id, a.status, a.raw)
		}
		return doc
	}
	docs := map[string]string{}
	for _, id := range []string{"INV/2026/001", "A+B", "50%25", "Счёт/№1", "ends/"} {
		docs[id] = pay(id)
	}
	tests := []struct{ name, path, id string }{
		{"slash encoded", "/api/v2/payment/INV%2F2026%2F001", "INV/2026/001"},
		{"slash raw", "/api/v2/payment/INV/2026/001", "INV/2026/001"},
		{"slash encoded, trailing slash", "/api/v2/payment/INV%2F2026%2F001/", "INV/2026/001"},
		{"plus raw", "/api/v2/payment/A+B", "A+B"},
		{"plus encoded", "/api/v2/payment/A%2BB", "A+B"},
		{"percent", "/api/v2/payment/50%2525", "50%25"},
		{"non-ASCII", "/api/v2/payment/%D0%A1%D1%87%D1%91%D1%82%2F%E2%84%961", "Счёт/№1"},
		{"id ending in a slash", "/api/v2/payment/ends%2F", "ends/"},
		{"leading double slash", "//api/v2/payment/A%2BB", "A+B"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := do(t, srv, ns, "GET", tc.path, "", true)
			data, _ := a.body["data"].(map[string]any)
			if a.status != 200 || data["doc_id"] != docs[tc.id] {
				t.Errorf("GET %s: HTTP %d %s, want doc_id %s", tc.path, a.status, a.raw, docs[tc.id])
			}
		})
	}
	for _, path := range []string{"/api/v2/services/", "//api/v2/services", "/api/v2/account/34/balance/",
		"/api/v2/account/payments?type=0&lastId=0&fromDate=2000-01-01&toDate=2100-01-01&serviceId=34"} {
		if a := do(t, srv, ns, "GET", path, "", true); a.status != 200 || a.body["status"] != "success" {
			t.Errorf("GET %s: HTTP %d %s", path, a.status, a.raw)
		}
	}
}
