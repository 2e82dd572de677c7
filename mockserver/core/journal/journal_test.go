package journal

import (
	"strings"
	"testing"
)

func TestJournalIsBoundedAndNewestFirst(t *testing.T) {
	j := New(3, nil)
	for i := range 5 {
		p := "anorbank"
		if i%2 == 1 {
			p = "aloqa"
		}
		j.Record(Entry{Provider: p, Path: string(rune('a' + i)), Request: strings.Repeat("x", MaxBody+10)})
	}
	all := j.List("", 0)
	if len(all) != 3 || all[0].Path != "e" || all[2].Path != "c" {
		t.Fatalf("got %+v", all)
	}
	if len(all[0].Request) > MaxBody+20 {
		t.Fatalf("body not truncated: %d", len(all[0].Request))
	}
	if got := j.List("aloqa", 0); len(got) != 1 || got[0].Path != "d" {
		t.Fatalf("provider filter: %+v", got)
	}
	if got := j.List("", 1); len(got) != 1 || got[0].ID != 5 {
		t.Fatalf("limit: %+v", got)
	}
}

func TestListCleansWhatItReturns(t *testing.T) {
	j := New(2, func(s string) string { return "clean:" + s })
	j.Record(Entry{Path: "/p", Request: "req", Response: "resp"})
	e := j.List("", 0)[0]
	if e.Path != "clean:/p" || e.Request != "clean:req" || e.Response != "clean:resp" {
		t.Fatalf("got %+v", e)
	}
}
