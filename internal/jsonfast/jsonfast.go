// Package jsonfast decodes the JSON objects clients send as encoding/json's
// Decoder with UseNumber does (map[string]any, []any, string,
// json.Number, bool, nil), without its Decoder, read buffer and scanner:
// the largest allocation of a state-changing request (issue 15). It
// decodes only a common subset and says so; for anything else the caller
// asks encoding/json, whose values and error texts stay the reference
// (FuzzObject proves the two agree). Standard library only.
package jsonfast

import (
	"encoding/json"
	"sync/atomic"
	"unicode/utf8"
)

// Object decodes b as a json.Decoder with UseNumber decodes its first
// value, for the bodies clients actually send: one JSON object, whitespace
// around it, strings without escapes, nesting at most maxDepth deep. It
// returns ok false for anything else (escapes, invalid UTF-8, errors of
// any kind, anything after the object), and the caller asks encoding/json.
func Object(b []byte) (m map[string]any, ok bool) {
	d := fastDecoder{b: b}
	d.space()
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		return nil, false
	}
	v, ok := d.value(0)
	if !ok {
		return nil, false
	}
	d.space()
	if d.i != len(d.b) {
		return nil, false
	}
	return v.(map[string]any), true
}

// maxDepth bounds the nesting followed (encoding/json
// allows 10,000; deeper bodies take its path).
const maxDepth = 64

type fastDecoder struct {
	b []byte
	i int
}

func (d *fastDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\r', '\n':
			d.i++
		default:
			return
		}
	}
}

// value decodes the value at d.i (no leading whitespace).
func (d *fastDecoder) value(depth int) (any, bool) {
	if d.i >= len(d.b) || depth > maxDepth {
		return nil, false
	}
	switch c := d.b[d.i]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		s, ok := d.string()
		return s, ok
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	}
	return nil, false
}

func (d *fastDecoder) object(depth int) (any, bool) {
	d.i++ // {
	m := map[string]any{}
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return m, true
	}
	for {
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return nil, false
		}
		key, ok := d.key()
		if !ok {
			return nil, false
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return nil, false
		}
		d.i++
		d.space()
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		m[key] = v // a repeated key: the last wins, as in encoding/json
		if done, ok := d.after('}'); !ok {
			return nil, false
		} else if done {
			return m, true
		}
	}
}

// after steps over what follows a member or element: a comma (more to
// come) or the container's end (done); anything else is a syntax error.
func (d *fastDecoder) after(end byte) (done, ok bool) {
	d.space()
	if d.i >= len(d.b) {
		return false, false
	}
	switch d.b[d.i] {
	case ',':
		d.i++
		d.space()
		return false, true
	case end:
		d.i++
		return true, true
	}
	return false, false
}

func (d *fastDecoder) array(depth int) (any, bool) {
	d.i++ // [
	a := make([]any, 0)
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return a, true
	}
	for {
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		a = append(a, v)
		if done, ok := d.after(']'); !ok {
			return nil, false
		} else if done {
			return a, true
		}
	}
}

// string reads a string without escapes or control characters, in valid
// UTF-8 (encoding/json would replace invalid bytes: its path does that).
func (d *fastDecoder) string() (string, bool) {
	start := d.i + 1
	ascii := true
	for j := start; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			s := d.b[start:j]
			if !ascii && !utf8.Valid(s) {
				return "", false
			}
			d.i = j + 1
			return string(s), true
		case c == '\\' || c < 0x20:
			return "", false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false
}

// key reads an object key: a string, interned (keys are the contract's
// field names, the same on every request: one string each, not one per
// request).
func (d *fastDecoder) key() (string, bool) {
	start := d.i + 1
	for j := start; j < len(d.b) && j-start <= maxInterned; j++ {
		switch c := d.b[j]; {
		case c == '"':
			d.i = j + 1
			return intern(d.b[start:j]), true
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			return d.string() // not a plain ASCII name: as any string
		}
	}
	return d.string()
}

// maxInterned is the longest key interned; interned holds the last key
// seen per slot (a hash of its bytes), so a client sending made-up keys
// costs a slot write, never memory.
const maxInterned = 32

var interned [512]atomic.Pointer[string]

func intern(b []byte) string {
	h := uint32(2166136261) // FNV-1a
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	slot := &interned[h%uint32(len(interned))]
	if p := slot.Load(); p != nil && *p == string(b) {
		return *p
	}
	s := string(b)
	slot.Store(&s)
	return s
}

// number reads -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? as its text.
func (d *fastDecoder) number() (any, bool) {
	start := d.i
	if d.b[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.b) && d.b[d.i] == '0':
		d.i++
	case d.digits() == 0:
		return nil, false
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if d.digits() == 0 {
			return nil, false
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if d.digits() == 0 {
			return nil, false
		}
	}
	return json.Number(d.b[start:d.i]), true
}

func (d *fastDecoder) digits() int {
	n := 0
	for d.i < len(d.b) && '0' <= d.b[d.i] && d.b[d.i] <= '9' {
		d.i++
		n++
	}
	return n
}

func (d *fastDecoder) literal(word string) bool {
	if len(d.b)-d.i < len(word) || string(d.b[d.i:d.i+len(word)]) != word {
		return false
	}
	d.i += len(word)
	return true
}
