package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
)

// CleanForHumans prepares text for a human reader (the journal, logs, the
// why header): card numbers masked (first 6 + last 4) in whatever spelling
// (spaces, dashes, JSON \u escapes), and the values of secret fields
// redacted (passwords, tokens, one-time codes) by what the field means, even
// when the key itself is escaped ("pass\u0077ord"). JSON is read token by
// token (and written back compact), so a truncated body is cleaned up to
// where it stops and its tail is cleaned as text.
func CleanForHumans(s string) string {
	trimmed := strings.TrimLeft(s, " \t\r\n")
	if trimmed == "" || (trimmed[0] != '{' && trimmed[0] != '[') {
		return maskText(s)
	}
	return cleanJSON(s)
}

// secretField reports a field whose value a human view never shows.
func secretField(key string) bool {
	k := strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(key))
	switch k {
	case "password", "pass", "passwd", "secret", "secretkey", "accesstoken", "refreshtoken", "token",
		"otp", "confirmedcode", "smscode", "cvv", "cvc", "cvv2", "pin", "authorization":
		return true
	}
	return false
}

type jsonFrame struct {
	object    bool
	expectKey bool // objects: the next string is a key
	secret    bool // objects: the value being read belongs to a secret key
	n         int  // members or elements written
}

type jsonCleaner struct {
	dec   *json.Decoder
	out   bytes.Buffer
	stack []jsonFrame
}

func cleanJSON(s string) string {
	c := &jsonCleaner{dec: json.NewDecoder(strings.NewReader(s))}
	c.dec.UseNumber()
	for {
		tok, err := c.dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return c.out.String()
			}
			// The unreadable tail is text, unless it is a secret's value
			// cut short (a truncated body): that is redacted, not shown.
			// Masking the whole again also catches a number the decoder
			// split where it stopped.
			if f := c.top(); f != nil && f.object && !f.expectKey && f.secret {
				c.out.WriteString(`"***"`)
				return maskText(c.out.String())
			}
			c.out.WriteString(s[min(int(c.dec.InputOffset()), len(s)):])
			return maskText(c.out.String())
		}
		c.token(tok)
	}
}

func (c *jsonCleaner) top() *jsonFrame {
	if len(c.stack) == 0 {
		return nil
	}
	return &c.stack[len(c.stack)-1]
}

func (c *jsonCleaner) token(tok json.Token) {
	f := c.top()
	if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
		c.out.WriteByte(byte(d))
		c.stack = c.stack[:len(c.stack)-1]
		c.valueDone()
		return
	}
	if f != nil && f.object && f.expectKey {
		key, _ := tok.(string)
		if f.n > 0 {
			c.out.WriteByte(',')
		}
		writeJSONString(&c.out, maskText(key))
		c.out.WriteByte(':')
		f.expectKey, f.secret = false, secretField(key)
		return
	}
	if f != nil && !f.object && f.n > 0 {
		c.out.WriteByte(',')
	}
	secret := f != nil && f.object && f.secret
	switch t := tok.(type) {
	case json.Delim: // '{' or '['
		if secret {
			c.skip()
			c.out.WriteString(`"***"`)
			c.valueDone()
			return
		}
		c.out.WriteByte(byte(t))
		c.stack = append(c.stack, jsonFrame{object: t == '{', expectKey: t == '{'})
		return
	case string:
		if secret {
			c.out.WriteString(`"***"`)
		} else {
			writeJSONString(&c.out, maskText(t))
		}
	case json.Number:
		if secret {
			c.out.WriteString(`"***"`)
		} else {
			c.out.WriteString(maskText(t.String()))
		}
	default: // bool or null
		b, _ := json.Marshal(t)
		if secret && t != nil {
			b = []byte(`"***"`)
		}
		c.out.Write(b)
	}
	c.valueDone()
}

// skip consumes the rest of a structure whose opening token was just read.
func (c *jsonCleaner) skip() {
	for depth := 1; depth > 0; {
		tok, err := c.dec.Token()
		if err != nil {
			return
		}
		if d, ok := tok.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
}

func (c *jsonCleaner) valueDone() {
	if f := c.top(); f != nil {
		f.n++
		if f.object {
			f.expectKey, f.secret = true, false
		}
	}
}

func writeJSONString(out *bytes.Buffer, s string) {
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	out.Truncate(out.Len() - 1) // Encode's newline
}

// maskText masks card numbers in free text: runs of 16 to 19 digits, also
// written in groups separated by single spaces or dashes, or with digits as
// JSON \u0030-\u0039 escapes. Separators are kept; the digits between the
// first 6 and the last 4 become stars. s itself is returned when there is
// nothing to mask. Digits are read several ways, escapes decoded or not (a
// text may only look like an escape), groups joined or not (a 4-digit group
// before a card number is not part of it), and masked when any reading finds
// a card number.
func maskText(s string) string {
	for _, r := range []reading{{escapes: true, groups: true}, {groups: true}, {}} {
		s = maskRuns(s, r)
	}
	return s
}

// reading is one way of reading digits in text.
type reading struct{ escapes, groups bool }

func maskRuns(s string, r reading) string {
	var b strings.Builder
	copied := 0
	for i := 0; i < len(s); {
		digits, end := digitRun(s, i, r)
		if len(digits) < 16 || len(digits) > 19 {
			i = max(end, i+1)
			continue
		}
		b.Grow(len(s))
		for k, pos := range digits {
			b.WriteString(s[copied:pos])
			n := digitAt(s, pos, r.escapes)
			if k >= 6 && k < len(digits)-4 {
				b.WriteByte('*')
			} else {
				b.WriteString(s[pos : pos+n])
			}
			copied = pos + n
		}
		i = end
	}
	if copied == 0 {
		return s
	}
	b.WriteString(s[copied:])
	return b.String()
}

// digitRun reads the card-number-like run starting at i: the positions of
// its digits and where it ends. A run ends at anything but a digit, or a
// single space or dash between two digits.
func digitRun(s string, i int, r reading) (digits []int, end int) {
	j := i
	for j < len(s) {
		if n := digitAt(s, j, r.escapes); n > 0 {
			digits = append(digits, j)
			j += n
			continue
		}
		if r.groups && (s[j] == ' ' || s[j] == '-') && len(digits) > 0 && j+1 < len(s) && digitAt(s, j+1, r.escapes) > 0 {
			j++
			continue
		}
		break
	}
	return digits, j
}

// digitAt is the length of the digit at s[i]: 1 for '0'-'9', 6 for a JSON
// escape \u0030-\u0039 (when escapes are read), 0 otherwise.
func digitAt(s string, i int, escapes bool) int {
	if s[i] >= '0' && s[i] <= '9' {
		return 1
	}
	if escapes && i+5 < len(s) && s[i] == '\\' && (s[i+1] == 'u' || s[i+1] == 'U') && s[i+2:i+5] == "003" && s[i+5] >= '0' && s[i+5] <= '9' {
		return 6
	}
	return 0
}
