package core

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
