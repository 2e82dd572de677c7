package clienttest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// recorder is a T that records instead of failing.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
func (r *recorder) Fatal(args ...any) { r.errs = append(r.errs, fmt.Sprint(args...)) }

type codes []string

func (c codes) Codes() []string { return c }

type sentinel struct{ code string }

// The checker itself: each rule must fire on its own.
func TestCheckSentinels(t *testing.T) {
	a, b, z := &sentinel{"a"}, &sentinel{"b"}, &sentinel{"z"}
	tests := []struct {
		name      string
		catalogue codes
		complete  bool
		table     []*sentinel
		want      string // "" for no complaint
	}{
		{"all documented", codes{"a", "b"}, true, []*sentinel{a, b}, ""},
		{"partial table allowed", codes{"a", "b", "c"}, false, []*sentinel{a, b}, ""},
		{"undocumented code", codes{"a", "b"}, true, []*sentinel{a, z}, `stands for "z"`},
		{"duplicate code", codes{"a", "b"}, false, []*sentinel{a, a}, `two sentinels stand for "a"`},
		{"declared but not listed", codes{"a", "b"}, false, []*sentinel{a}, "declares 2"},
		{"documented but no sentinel", codes{"a", "b", "c"}, true, []*sentinel{a, b}, `documents "c"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			load := func(string) (codes, error) { return tc.catalogue, nil }
			checkSentinels(&r, "testdata/pkg", load, "p", tc.complete, tc.table, func(s *sentinel) any { return s.code }, "ErrNoCredentials")
			got := strings.Join(r.errs, "\n")
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Fatalf("complaints = %q, want %q", got, tc.want)
			}
		})
	}
	var r recorder
	checkSentinels(&r, "testdata/pkg", func(string) (codes, error) { return nil, errors.New("no catalogue") }, "p", true, []*sentinel{a}, func(s *sentinel) any { return s.code })
	if len(r.errs) == 0 || r.errs[0] != "no catalogue" {
		t.Errorf("complaints = %q; a catalogue that does not load must fail the test first", r.errs)
	}
}
