package drift

import (
	"encoding/json"
	"strings"
)

// OnlyExtras reports findings that are extra fields and nothing else: an
// answer the contract check refuses for those alone drifted but did not fail.
func OnlyExtras(fs []Finding) bool {
	extras := 0
	for _, f := range fs {
		if f.Source != AgainstContract {
			continue
		}
		if f.Kind != Extra {
			return false
		}
		extras++
	}
	return extras > 0
}

// WithoutExtras is body with the extra fields the findings name removed,
// for the contract check to judge what is left.
func WithoutExtras(body []byte, fs []Finding) []byte {
	doc, ok := decode(body)
	if !ok {
		return body
	}
	for _, f := range fs {
		if f.Source == AgainstContract && f.Kind == Extra {
			remove(doc, strings.Split(f.Pointer, "/")[1:])
		}
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return body
	}
	return out
}

func remove(doc any, path []string) {
	if len(path) == 0 {
		return
	}
	key := strings.ReplaceAll(strings.ReplaceAll(path[0], "~1", "/"), "~0", "~")
	switch x := doc.(type) {
	case map[string]any:
		if len(path) == 1 {
			delete(x, key)
			return
		}
		remove(x[key], path[1:])
	case []any:
		for i, e := range x {
			if key == itoa(i) {
				remove(e, path[1:])
			}
		}
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
