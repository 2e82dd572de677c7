package drift

import (
	"cmp"
	"slices"
	"strconv"
)

// VsFake lists how a live answer differs from the fake's answer to the
// same request: the HTTP status, the provider error code and, when both
// agree on those, the shape (the set of field paths and their JSON types;
// array elements are one shape, and an empty array on either side says
// nothing about its elements). Pointers are the live answer's (the fake's
// where only the fake has the field).
func VsFake(liveStatus int, liveBody []byte, fakeStatus int, fakeBody []byte) []Finding {
	var out []Finding
	if liveStatus != fakeStatus {
		out = append(out, Finding{Source: AgainstFake, Kind: Status, Want: statusText(fakeStatus), LiveType: statusText(liveStatus)})
	}
	live, liveJSON := decode(liveBody)
	fake, fakeJSON := decode(fakeBody)
	if !liveJSON || !fakeJSON {
		if liveJSON != fakeJSON {
			out = append(out, Finding{Source: AgainstFake, Kind: ShapeVsFake, Want: bodyKind(fakeJSON), LiveType: bodyKind(liveJSON)})
		}
		return out
	}
	lc, lptr, lok := ErrorCode(live)
	fc, fptr, fok := ErrorCode(fake)
	if lok != fok || lc != fc {
		f := Finding{Source: AgainstFake, Kind: Code, Pointer: cmp.Or(lptr, fptr), Want: "no error code", LiveType: "no error code"}
		if fok {
			f.Want = "code " + fc
		}
		if lok {
			f.LiveType, f.Example = "code", example(lastKey(lptr), lc)
		}
		return append(out, f) // another answer altogether: its shape says nothing more
	}
	if liveStatus != fakeStatus {
		return out
	}
	ls, fs := shapeOf(live), shapeOf(fake)
	paths := make([]string, 0, len(ls)+len(fs))
	for p := range ls {
		paths = append(paths, p)
	}
	for p := range fs {
		if _, ok := ls[p]; !ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		if underOpaque(p, ls) || underOpaque(p, fs) {
			continue
		}
		l, inLive := ls[p]
		f, inFake := fs[p]
		switch {
		case !inFake:
			out = append(out, Finding{Source: AgainstFake, Kind: ShapeVsFake, Pointer: l.ptr, Want: "absent", LiveType: l.typ, Example: example(lastKey(l.ptr), l.v)})
		case !inLive:
			out = append(out, Finding{Source: AgainstFake, Kind: ShapeVsFake, Pointer: f.ptr, Want: f.typ, LiveType: "absent"})
		case l.typ != f.typ:
			out = append(out, Finding{Source: AgainstFake, Kind: ShapeVsFake, Pointer: l.ptr, Want: f.typ, LiveType: l.typ, Example: example(lastKey(l.ptr), l.v)})
		}
	}
	return out
}

func bodyKind(isJSON bool) string {
	if isJSON {
		return "JSON"
	}
	return "not JSON"
}

// field is one path of a shape: its type, and the first place and value
// seen; opaque when it is null or an empty array, which says nothing of
// what is under it.
type field struct {
	typ    string
	ptr    string
	v      any
	opaque bool
}

// underOpaque reports a path below an opaque field of shape.
func underOpaque(path string, shape map[string]field) bool {
	for i := len(path) - 1; i > 0; i-- {
		if path[i] == '/' && shape[path[:i]].opaque {
			return true
		}
	}
	return false
}

// shapeOf maps each field path of doc (array indexes written "*") to its
// type; a path whose elements disagree on the type keeps the first.
func shapeOf(doc any) map[string]field {
	out := map[string]field{}
	var visit func(v any, path, ptr string)
	visit = func(v any, path, ptr string) {
		if path != "" {
			if _, seen := out[path]; !seen {
				a, isArray := v.([]any)
				out[path] = field{typ: jsonType(v), ptr: ptr, v: v, opaque: v == nil || isArray && len(a) == 0}
			}
		}
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				visit(e, child(path, k), child(ptr, k))
			}
		case []any:
			for i, e := range x {
				visit(e, path+"/*", child(ptr, strconv.Itoa(i)))
			}
		}
	}
	visit(doc, "", "")
	return out
}
