package core

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// appendStreamed appends v (a pointer to a struct) to dst exactly as
// json.Marshal writes it, but with each top-level map or slice field
// written one entry at a time. A domain's state is such a struct, and a big
// one (200,000 bills) is hundreds of MB of JSON: json.Marshal builds that in
// one growing buffer and copies it out, and those huge copies and clears
// cannot be preempted, so the garbage collector's stop-the-world waited for
// them and other namespaces' requests stalled for up to 0.6 s while the
// state file was saved. Here every piece is small, and dst is allocated
// once at the size the last snapshot had.
//
// A struct this does not handle exactly like encoding/json (tag options,
// embedded fields) is marshalled whole instead.
func appendStreamed(dst []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct || !rv.CanAddr() || !streamable(rv.Type()) || implementsMarshaler(rv.Type()) {
		b, err := json.Marshal(v)
		return append(dst, b...), err
	}
	t := rv.Type()
	dst = append(dst, '{')
	first := true
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		key, _ := json.Marshal(name)
		dst = append(append(dst, key...), ':')
		var err error
		if dst, err = appendField(dst, rv.Field(i)); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

// streamable: exported fields with plain tags (a name, no options) and no
// embedding, which is what encoding/json writes in declaration order.
func streamable(t reflect.Type) bool {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return false
		}
		if tag := f.Tag.Get("json"); strings.Contains(tag, ",") {
			return false
		}
	}
	return true
}

// appendField writes a map or slice entry by entry; anything else whole.
func appendField(dst []byte, fv reflect.Value) ([]byte, error) {
	switch {
	case fv.Kind() == reflect.Map && !fv.IsNil() && !implementsMarshaler(fv.Type()):
		return appendMap(dst, fv)
	case fv.Kind() == reflect.Slice && !fv.IsNil() && fv.Type().Elem().Kind() != reflect.Uint8 && !implementsMarshaler(fv.Type()):
		dst = append(dst, '[')
		for i := range fv.Len() {
			if i > 0 {
				dst = append(dst, ',')
			}
			b, err := json.Marshal(fv.Index(i).Addr().Interface()) // addressable, as encoding/json sees an element
			if err != nil {
				return nil, err
			}
			dst = append(dst, b...)
		}
		return append(dst, ']'), nil
	}
	b, err := json.Marshal(fv.Addr().Interface()) // addressable, as encoding/json sees a field
	return append(dst, b...), err
}

// appendMap writes a map with its keys named and sorted as encoding/json
// names and sorts them.
func appendMap(dst []byte, m reflect.Value) ([]byte, error) {
	type entry struct {
		key string
		val reflect.Value
	}
	entries := make([]entry, 0, m.Len())
	for it := m.MapRange(); it.Next(); {
		k, err := keyName(it.Key())
		if err != nil {
			return nil, err
		}
		entries = append(entries, entry{k, it.Value()})
	}
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.key, b.key) })
	dst = append(dst, '{')
	for i, e := range entries {
		if i > 0 {
			dst = append(dst, ',')
		}
		k, _ := json.Marshal(e.key)
		b, err := json.Marshal(e.val.Interface())
		if err != nil {
			return nil, err
		}
		dst = append(append(append(dst, k...), ':'), b...)
	}
	return append(dst, '}'), nil
}

// keyName is encoding/json's name for a map key: a string as is, else its
// MarshalText, else the integer in decimal.
func keyName(k reflect.Value) (string, error) {
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if tm, ok := k.Interface().(encoding.TextMarshaler); ok {
		if k.Kind() == reflect.Pointer && k.IsNil() {
			return "", nil
		}
		b, err := tm.MarshalText()
		return string(b), err
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	b, err := json.Marshal(k.Interface()) // not a valid key: let encoding/json say why
	return string(b), err
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// implementsMarshaler: a type that encodes itself is left to encoding/json.
func implementsMarshaler(t reflect.Type) bool {
	return t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		reflect.PointerTo(t).Implements(marshalerType) || reflect.PointerTo(t).Implements(textMarshalerType)
}
