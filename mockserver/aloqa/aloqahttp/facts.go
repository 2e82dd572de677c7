package aloqahttp

import (
	"encoding/json"
	"net/http"
	"strings"
)

// facts is what a request tells the rules: the named facts a handler
// publishes (pan, amount, phone), body.<path> and header.<name>.
type facts struct {
	named map[string]any
	body  map[string]any
	r     *http.Request
}

func (f facts) Fact(key string) (any, bool) {
	if v, ok := f.named[key]; ok {
		return v, true
	}
	if path, ok := strings.CutPrefix(key, "body."); ok {
		var cur any = f.body
		for _, part := range strings.Split(path, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				return nil, false
			}
			if cur, ok = m[part]; !ok {
				return nil, false
			}
		}
		if n, ok := cur.(json.Number); ok {
			return n.String(), true
		}
		return cur, true
	}
	if name, ok := strings.CutPrefix(key, "header."); ok {
		v := f.r.Header.Get(name)
		return v, v != ""
	}
	return nil, false
}
