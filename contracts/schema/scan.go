package schema

// scanner walks JSON text as encoding/json's grammar has it (RFC 8259),
// only finding where each value ends; ValidJSON returns Unknown on anything
// it refuses, so it never needs to be more lenient than the decoder.
type scanner struct {
	data       []byte
	pos        int
	keyEnd     int  // after a string value: the offset of its closing quote
	keyEscaped bool // after a string value: it had an escape
}

func (s *scanner) space() {
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// value scans one value, returning where it starts and its kind.
func (s *scanner) value() (start, kind int, ok bool) {
	s.space()
	if s.pos >= len(s.data) {
		return 0, 0, false
	}
	start = s.pos
	switch c := s.data[s.pos]; {
	case c == '{':
		return start, kObject, s.container('}')
	case c == '[':
		return start, kArray, s.container(']')
	case c == '"':
		return start, kString, s.str()
	case c == 't':
		return start, kBool, s.literal("true")
	case c == 'f':
		return start, kBool, s.literal("false")
	case c == 'n':
		return start, kNull, s.literal("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return start, kNumber, s.number()
	}
	return 0, 0, false
}

func (s *scanner) literal(word string) bool {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		return false
	}
	s.pos += len(word)
	return true
}

func (s *scanner) digits() int {
	n := 0
	for s.pos < len(s.data) && s.data[s.pos] >= '0' && s.data[s.pos] <= '9' {
		s.pos++
		n++
	}
	return n
}

func (s *scanner) number() bool {
	if s.data[s.pos] == '-' {
		s.pos++
	}
	if s.pos < len(s.data) && s.data[s.pos] == '0' {
		s.pos++
	} else if s.digits() == 0 {
		return false
	}
	if s.pos < len(s.data) && s.data[s.pos] == '.' {
		s.pos++
		if s.digits() == 0 {
			return false
		}
	}
	if s.pos < len(s.data) && (s.data[s.pos] == 'e' || s.data[s.pos] == 'E') {
		s.pos++
		if s.pos < len(s.data) && (s.data[s.pos] == '+' || s.data[s.pos] == '-') {
			s.pos++
		}
		if s.digits() == 0 {
			return false
		}
	}
	return true
}

func (s *scanner) str() bool {
	s.pos++ // the opening quote
	s.keyEscaped = false
	for s.pos < len(s.data) {
		c := s.data[s.pos]
		switch {
		case c == '"':
			s.keyEnd = s.pos
			s.pos++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			s.keyEscaped = true
			if !s.escape() {
				return false
			}
			continue
		}
		s.pos++
	}
	return false
}

func (s *scanner) escape() bool {
	s.pos++ // the backslash
	if s.pos >= len(s.data) {
		return false
	}
	switch s.data[s.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos++
		return true
	case 'u':
		if len(s.data)-s.pos < 5 {
			return false
		}
		for _, h := range s.data[s.pos+1 : s.pos+5] {
			if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
				return false
			}
		}
		s.pos += 5
		return true
	}
	return false
}

// container scans an object or array whose opening byte is at pos.
func (s *scanner) container(end byte) bool {
	s.pos++
	for first := true; ; first = false {
		s.space()
		if s.pos >= len(s.data) {
			return false
		}
		if s.data[s.pos] == end && first {
			s.pos++
			return true
		}
		if end == '}' {
			_, kind, ok := s.value()
			if !ok || kind != kString || !s.colon() {
				return false
			}
		}
		if _, _, ok := s.value(); !ok {
			return false
		}
		s.space()
		if s.pos >= len(s.data) {
			return false
		}
		switch s.data[s.pos] {
		case ',':
			s.pos++
		case end:
			s.pos++
			return true
		default:
			return false
		}
	}
}

func (s *scanner) colon() bool {
	s.space()
	if s.pos >= len(s.data) || s.data[s.pos] != ':' {
		return false
	}
	s.pos++
	return true
}

// more steps into the next element of an already scanned container (so
// well formed): false at its end.
func (s *scanner) more(end byte) bool {
	s.space()
	if s.data[s.pos] == ',' {
		s.pos++
		s.space()
	}
	return s.data[s.pos] != end
}
