package core

import "bytes"

// MaskPANsInText masks every run of 16 to 19 digits in b (a card number in a
// JSON body, a query string or a log line) as first 6 + stars + last 4. It
// leaves shorter runs (phones: 12, MFO: 5) and longer ones (accounts: 20+)
// alone. It returns b itself when there is nothing to mask.
func MaskPANsInText(b []byte) []byte {
	var out []byte
	i := 0
	for i < len(b) {
		if !isDigit(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isDigit(b[j]) {
			j++
		}
		if n := j - i; n >= 16 && n <= 19 {
			if out == nil {
				out = make([]byte, len(b))
				copy(out, b)
			}
			for k := i + 6; k < j-4; k++ {
				out[k] = '*'
			}
		}
		i = j
	}
	if out == nil {
		return b
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// secretKeys are JSON keys whose string values the journal never shows:
// passwords and tokens look real even in a sandbox.
var secretKeys = [][]byte{[]byte(`"password"`), []byte(`"secret_key"`), []byte(`"access_token"`), []byte(`"refresh_token"`), []byte(`"refreshToken"`)}

// RedactSecrets replaces the string value of every secret key in a JSON
// text with "***". It returns b itself when there is nothing to redact.
func RedactSecrets(b []byte) []byte {
	var out []byte
	for _, key := range secretKeys {
		for from := 0; ; {
			src := b
			if out != nil {
				src = out
			}
			i := indexFrom(src, key, from)
			if i < 0 {
				break
			}
			j := i + len(key)
			for j < len(src) && (src[j] == ' ' || src[j] == ':' || src[j] == '\n' || src[j] == '\t') {
				j++
			}
			if j >= len(src) || src[j] != '"' {
				from = j
				continue
			}
			k := j + 1
			for k < len(src) && src[k] != '"' {
				if src[k] == '\\' {
					k++
				}
				k++
			}
			if k > len(src) {
				k = len(src)
			}
			red := make([]byte, 0, len(src)-(k-j-1)+3)
			red = append(red, src[:j+1]...)
			red = append(red, "***"...)
			red = append(red, src[k:]...)
			out = red
			from = j + 5
		}
	}
	if out == nil {
		return b
	}
	return out
}

func indexFrom(b, sub []byte, from int) int {
	if from >= len(b) {
		return -1
	}
	i := bytes.Index(b[from:], sub)
	if i < 0 {
		return -1
	}
	return from + i
}
