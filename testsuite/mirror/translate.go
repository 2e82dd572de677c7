package mirror

import (
	"bytes"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// translator rewrites one live request for the fake.
type translator struct {
	s        *Session
	provider string
}

func (s *Session) translator(provider string) translator { return translator{s: s, provider: provider} }

// text maps one value: an OTP code the profile's source gave becomes the
// fake's; an id or token the live sandbox answered, the fake's answer; a
// profile value, the default scenario's.
func (t translator) text(v string) (string, bool) {
	if phone, ok := t.s.issued[v]; ok {
		if code := t.s.fakeCode(t.provider, phone); code != "" {
			return code, true
		}
	}
	if f, ok := t.s.learned[v]; ok {
		return f, true
	}
	f, ok := t.s.f.values[t.provider][v]
	return f, ok
}

func (t translator) path(p string) string {
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if raw, err := url.PathUnescape(seg); err == nil {
			if f, ok := t.text(raw); ok {
				segs[i] = url.PathEscape(f)
			}
		}
	}
	return strings.Join(segs, "/")
}

func (t translator) query(q url.Values) string {
	for _, vs := range q {
		for i, v := range vs {
			if f, ok := t.text(v); ok {
				vs[i] = f
			}
		}
	}
	return q.Encode()
}

// body maps a JSON body's values; anything else (a malformed body a spec
// sends on purpose) goes as sent, as does a body with nothing to map.
func (t translator) body(b []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var doc any
	if dec.Decode(&doc) != nil || dec.More() {
		return b
	}
	doc, changed := t.value(doc)
	if !changed {
		return b
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if enc.Encode(doc) != nil {
		return b
	}
	return bytes.TrimRight(out.Bytes(), "\n")
}

func (t translator) value(v any) (any, bool) {
	switch x := v.(type) {
	case map[string]any:
		changed := false
		for k, e := range x {
			if nv, ok := t.value(e); ok {
				x[k], changed = nv, true
			}
		}
		return x, changed
	case []any:
		changed := false
		for i, e := range x {
			if nv, ok := t.value(e); ok {
				x[i], changed = nv, true
			}
		}
		return x, changed
	case string:
		return t.text(x)
	case json.Number:
		f, ok := t.text(x.String())
		if !ok {
			return x, false
		}
		if _, err := json.Number(f).Float64(); err == nil {
			return json.Number(f), true
		}
		return f, true
	}
	return v, false
}

// headers maps the credentials: Basic user and password, a Bearer token
// the live login answered, PaySys's signed Auth header (signed again with
// the fake's key when the live key signed it; a bad signature stays bad).
func (t translator) headers(h http.Header) {
	h.Del("Content-Length")
	if a := h.Get("Authorization"); a != "" {
		if enc, ok := strings.CutPrefix(a, "Basic "); ok {
			if raw, err := base64.StdEncoding.DecodeString(enc); err == nil {
				user, pass, _ := strings.Cut(string(raw), ":")
				if f, ok := t.text(user); ok {
					user = f
				}
				if f, ok := t.text(pass); ok {
					pass = f
				}
				h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(user+":"+pass)))
			}
		}
		if tok, ok := strings.CutPrefix(a, "Bearer "); ok {
			if f, ok := t.text(tok); ok {
				h.Set("Authorization", "Bearer "+f)
			}
		}
	}
	if a := h.Get("Auth"); a != "" {
		h.Set("Auth", t.signed(a))
	}
}

// signed re-signs "{service_id}-{sha1(secret_key + timestamp)}-{timestamp}".
func (t translator) signed(a string) string {
	keys, ok := t.s.f.secrets[t.provider]
	i := strings.LastIndexByte(a, '-')
	if !ok || i < 0 {
		return a
	}
	j := strings.LastIndexByte(a[:i], '-')
	if j < 0 {
		return a
	}
	sid, sig, ts := a[:j], a[j+1:i], a[i+1:]
	if sig != sha1hex(keys[0]+ts) {
		return a
	}
	if f, ok := t.s.f.values[t.provider][sid]; ok {
		sid = f
	}
	return sid + "-" + sha1hex(keys[1]+ts) + "-" + ts
}

func sha1hex(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// learn maps each id or token of the live answer onto the fake's answer at
// the same place, for the requests that send them back.
func learn(into map[string]string, liveBody, fakeBody []byte) {
	var live, fake any
	if json.Unmarshal(liveBody, &live) != nil || json.Unmarshal(fakeBody, &fake) != nil {
		return
	}
	pair(into, "", live, fake)
}

func pair(into map[string]string, key string, live, fake any) {
	switch l := live.(type) {
	case map[string]any:
		if f, ok := fake.(map[string]any); ok {
			for k, lv := range l {
				if fv, ok := f[k]; ok {
					pair(into, k, lv, fv)
				}
			}
		}
	case []any:
		if f, ok := fake.([]any); ok {
			for i := 0; i < len(l) && i < len(f); i++ {
				pair(into, key, l[i], f[i])
			}
		}
	case string, float64:
		ls, fs := scalar(live), scalar(fake)
		if idLike(key) && ls != "" && fs != "" && ls != fs && len(ls) >= 4 {
			into[ls] = fs
		}
	}
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return ""
}

// idLike: a field that names something a later request may send back.
func idLike(key string) bool {
	k := strings.ToLower(key)
	return strings.HasSuffix(k, "id") || strings.Contains(k, "token") || strings.HasSuffix(k, "ref") || k == "uuid" || k == "hash"
}
