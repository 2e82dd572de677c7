package schema

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// Verdict is what ValidJSON can tell without decoding.
type Verdict uint8

const (
	Unknown Verdict = iota // decode and use Valid (rare shapes: see ValidJSON)
	Pass
	Fail
)

// ValidJSON validates the first JSON value in data (what a json.Decoder
// would decode; anything after it is ignored, as the decoder does) without
// decoding it into maps: -strict checks every answer, and decoding it again
// cost four times the validation (issue 15). Pass and Fail are exactly
// Valid's verdict on the decoded value; Unknown is returned for what a scan
// cannot settle cheaply (a syntax error, duplicate or escaped object keys,
// minProperties/maxProperties, a non-string enum member), and the caller
// decodes. Tests compare it with Valid on every corpus value and by fuzzing.
func (n *Node) ValidJSON(data []byte) Verdict {
	s := scanner{data: data}
	start, kind, ok := s.value()
	if !ok {
		return Unknown
	}
	return n.validRaw(data[start:s.pos], kind)
}

// raw value kinds, by their first byte
const (
	kNull = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

func verdict(ok bool) Verdict {
	if ok {
		return Pass
	}
	return Fail
}

// validRaw mirrors Valid on one raw value of kind.
func (n *Node) validRaw(raw []byte, kind int) Verdict {
	if kind == kNull && n.NullOK {
		return Pass
	}
	if n.Empty {
		return verdict(kind != kNull)
	}
	if n.Not != nil {
		switch n.Not.validRaw(raw, kind) {
		case Unknown:
			return Unknown
		case Pass:
			return Fail
		}
	}
	if kind == kObject && n.OnlyBranches() {
		if sole := n.soleBranchRaw(raw); sole != nil {
			return sole.validRaw(raw, kind)
		}
	}
	if v := n.branchesRaw(raw, kind); v != Pass {
		return v
	}
	if kind == kNull && (len(n.OneOf) > 0 || len(n.AnyOf) > 0 || len(n.AllOf) > 0) {
		return Pass
	}
	if n.HasEnum {
		if v := n.enumRaw(raw, kind); v != Pass {
			return v
		}
	}
	switch kind {
	case kNull:
		return Fail
	case kBool:
		return verdict(n.Bool)
	case kNumber:
		f, err := strconv.ParseFloat(transient(raw), 64)
		return verdict(err == nil && n.numberValid(f))
	case kString:
		str, ok := unquote(raw)
		if !ok {
			return Unknown
		}
		return verdict(n.stringValid(str))
	case kArray:
		return n.arrayRaw(raw)
	}
	return n.objectRaw(raw)
}

// enumRaw is Valid's inEnum (kin's equalJSONValues) for scalar members;
// an array or object member leaves the value to Valid.
func (n *Node) enumRaw(raw []byte, kind int) Verdict {
	var str string
	var num float64
	switch kind {
	case kString:
		s, ok := unquote(raw)
		if !ok {
			return Unknown
		}
		if n.EnumStr != nil {
			_, in := n.EnumStr[s]
			return verdict(in)
		}
		str = s
	case kNumber:
		f, err := strconv.ParseFloat(transient(raw), 64)
		if err != nil {
			return Fail // Valid's inEnum cannot read it as a number either
		}
		num = f
	case kArray, kObject:
		return Unknown
	}
	if n.EnumStr != nil {
		return Fail // every member is a string
	}
	for _, m := range n.Enum {
		switch m := m.(type) {
		case string:
			if kind == kString && m == str {
				return Pass
			}
		case float64:
			if kind == kNumber && m == num {
				return Pass
			}
		case bool:
			if kind == kBool && m == (raw[0] == 't') {
				return Pass
			}
		case nil:
			if kind == kNull {
				return Pass
			}
		default:
			return Unknown
		}
	}
	return Fail
}

// soleBranchRaw is the one branch of an envelope (a node with nothing but
// oneOf or anyOf) whose required properties the object has, when exactly
// one has them all: every other branch fails on a missing property, so the
// envelope's verdict is that branch's (contracts.soleBranch on the bytes).
func (n *Node) soleBranchRaw(raw []byte) *Node {
	branches := n.OneOf
	if len(branches) == 0 {
		branches = n.AnyOf
	}
	if len(branches) < 2 || len(branches) > 8 {
		return nil
	}
	var missing [8]int // per branch: required properties not seen yet
	for i, b := range branches {
		if len(b.Required) == 0 {
			return nil
		}
		missing[i] = len(b.Required)
	}
	s := scanner{data: raw, pos: 1}
	for s.more('}') {
		kstart, _, ok := s.value()
		if !ok || !s.colon() || s.keyEscaped {
			return nil
		}
		key := raw[kstart+1 : s.keyEnd]
		for i, b := range branches {
			for _, r := range b.Required {
				if r == string(key) {
					missing[i]-- // a key seen twice: Valid is asked (objectRaw)
				}
			}
		}
		if _, _, ok := s.value(); !ok {
			return nil
		}
	}
	var sole *Node
	for i, b := range branches {
		if missing[i] <= 0 {
			if sole != nil {
				return nil
			}
			sole = b
		}
	}
	return sole
}

func (n *Node) branchesRaw(raw []byte, kind int) Verdict {
	if len(n.OneOf) > 0 {
		matched, unknown := 0, false
		for _, b := range n.OneOf {
			switch b.validRaw(raw, kind) {
			case Pass:
				matched++
			case Unknown:
				unknown = true
			}
		}
		if unknown {
			return Unknown
		}
		if matched != 1 {
			return Fail
		}
	}
	if len(n.AnyOf) > 0 {
		any, unknown := false, false
		for _, b := range n.AnyOf {
			switch b.validRaw(raw, kind) {
			case Pass:
				any = true
			case Unknown:
				unknown = true
			}
			if any {
				break
			}
		}
		if !any {
			if unknown {
				return Unknown
			}
			return Fail
		}
	}
	result := Pass
	for _, b := range n.AllOf {
		switch b.validRaw(raw, kind) {
		case Fail:
			return Fail
		case Unknown:
			result = Unknown
		}
	}
	return result
}

func (n *Node) arrayRaw(raw []byte) Verdict {
	if !n.Arr {
		return Fail
	}
	s := scanner{data: raw, pos: 1}
	count, result := uint64(0), Pass
	for s.more(']') {
		start, kind, ok := s.value()
		if !ok {
			return Unknown
		}
		count++
		if n.Items != nil && result != Fail {
			switch n.Items.validRaw(raw[start:s.pos], kind) {
			case Fail:
				result = Fail
			case Unknown:
				result = Unknown
			}
		}
	}
	if n.MinItems != 0 && count < n.MinItems || n.MaxItems != nil && count > *n.MaxItems {
		return Fail
	}
	return result
}

// objectRaw checks each member; a key that appears twice (encoding/json
// keeps the last) or is escaped leaves the object to Valid.
func (n *Node) objectRaw(raw []byte) Verdict {
	if !n.Obj {
		return Fail
	}
	if n.MinProps != 0 || n.MaxProps != nil || len(n.Required) > 64 {
		return Unknown
	}
	var keys [32][]byte
	nkeys, seen := 0, uint64(0)
	result := Pass
	s := scanner{data: raw, pos: 1}
	for s.more('}') {
		kstart, kind, ok := s.value()
		if !ok || kind != kString || !s.colon() {
			return Unknown
		}
		key := raw[kstart+1 : s.keyEnd]
		if s.keyEscaped || nkeys == len(keys) {
			return Unknown
		}
		for _, k := range keys[:nkeys] {
			if string(k) == string(key) {
				return Unknown
			}
		}
		keys[nkeys] = key
		nkeys++
		vstart, vkind, ok := s.value()
		if !ok {
			return Unknown
		}
		for i, r := range n.Required {
			if r == string(key) {
				seen |= 1 << i
			}
		}
		if result == Fail {
			continue
		}
		var v Verdict
		if p, ok := n.Props[string(key)]; ok {
			v = p.validRaw(raw[vstart:s.pos], vkind)
		} else if n.AddlForbidden {
			v = Fail
		} else if n.Addl != nil {
			v = n.Addl.validRaw(raw[vstart:s.pos], vkind)
		} else {
			v = Pass
		}
		if v != Pass {
			result = v
		}
	}
	if seen != (uint64(1)<<len(n.Required))-1 {
		return Fail
	}
	return result
}

// unquote returns a raw string token's value: its bytes when it has no
// escape, without copying (see transient); json.Unmarshal's otherwise.
func unquote(raw []byte) (string, bool) {
	body := raw[1 : len(raw)-1]
	for _, c := range body {
		if c == '\\' {
			var s string
			return s, json.Unmarshal(raw, &s) == nil
		}
	}
	if !utf8.Valid(body) { // invalid UTF-8 becomes U+FFFD when decoded
		var s string
		return s, json.Unmarshal(raw, &s) == nil
	}
	return transient(body), true
}

// transient views b as a string without copying. Safe here: the string
// lives only while one value is checked (regexp, map lookup, counting), and
// the bytes are not changed meanwhile.
func transient(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
