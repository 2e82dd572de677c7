package drift

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Exchange is what Build reads of one line of exchanges.jsonl.
type Exchange struct {
	Spec       string    `json:"spec"`
	Provider   string    `json:"provider"`
	Operation  string    `json:"operation"`
	Status     int       `json:"status"`
	FakeStatus int       `json:"fake_status"`
	Drift      []Finding `json:"drift"`
}

// Report is drift.json.
type Report struct {
	Time       time.Time   `json:"time"`
	Exchanges  int         `json:"exchanges"`  // live answers of documented operations
	Replayed   int         `json:"replayed"`   // of them, answered by the fake too
	Contract   int         `json:"contract"`   // drift entries against the contract
	Fake       int         `json:"fake"`       // drift entries against the fake
	Failures   int         `json:"failures"`   // entries the contract check fails specs for
	Operations []Operation `json:"operations"` // provider, then operation order
}

// Operation is one provider operation the live run called.
type Operation struct {
	Provider  string  `json:"provider"`
	Operation string  `json:"operation"`
	Exchanges int     `json:"exchanges"`
	Replayed  int     `json:"replayed"`
	NoDrift   bool    `json:"no_drift"`
	Drift     []Entry `json:"drift,omitempty"`
}

// Entry is one difference, folded over every answer that had it.
type Entry struct {
	Provider  string `json:"provider"`
	Operation string `json:"operation"`
	Finding
	Count int      `json:"count"` // answers that had it
	Specs []string `json:"specs"`
}

// Read parses exchanges.jsonl; lines of undocumented paths are left out.
func Read(r io.Reader) ([]Exchange, error) {
	var out []Exchange
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var x Exchange
		if err := json.Unmarshal(line, &x); err != nil {
			return nil, fmt.Errorf("exchanges.jsonl:%d: %w", n, err)
		}
		if x.Operation != "" {
			out = append(out, x)
		}
	}
	return out, sc.Err()
}

// Build folds the exchanges' findings per provider and operation; order is
// providers (as given), then operation id.
func Build(xs []Exchange, providers []string, at time.Time) *Report {
	rep := &Report{Time: at.UTC(), Operations: []Operation{}}
	ops := map[[2]string]*Operation{}
	entries := map[string]*Entry{}
	for _, x := range xs {
		k := [2]string{x.Provider, x.Operation}
		op := ops[k]
		if op == nil {
			op = &Operation{Provider: x.Provider, Operation: x.Operation}
			ops[k] = op
		}
		op.Exchanges++
		rep.Exchanges++
		if x.FakeStatus != 0 {
			op.Replayed++
			rep.Replayed++
		}
		for _, f := range x.Drift {
			key := strings.Join([]string{x.Provider, x.Operation, f.Source, f.Kind, generic(f.Pointer), f.Want, f.LiveType}, "\x00")
			e := entries[key]
			if e == nil {
				e = &Entry{Provider: x.Provider, Operation: x.Operation, Finding: f}
				entries[key] = e
			}
			e.Count++
			if !slices.Contains(e.Specs, x.Spec) {
				e.Specs = append(e.Specs, x.Spec)
			}
		}
	}
	for _, e := range entries {
		op := ops[[2]string{e.Provider, e.Operation}]
		op.Drift = append(op.Drift, *e)
		if e.Source == AgainstContract {
			rep.Contract++
		} else {
			rep.Fake++
		}
		if e.Failure {
			rep.Failures++
		}
	}
	for _, op := range ops {
		slices.SortFunc(op.Drift, func(a, b Entry) int {
			return strings.Compare(a.Source+a.Pointer+a.Kind, b.Source+b.Pointer+b.Kind)
		})
		for i := range op.Drift {
			slices.Sort(op.Drift[i].Specs)
		}
		op.NoDrift = len(op.Drift) == 0
		rep.Operations = append(rep.Operations, *op)
	}
	rank := func(p string) int {
		if i := slices.Index(providers, p); i >= 0 {
			return i
		}
		return len(providers)
	}
	slices.SortFunc(rep.Operations, func(a, b Operation) int {
		if d := rank(a.Provider) - rank(b.Provider); d != 0 {
			return d
		}
		return strings.Compare(a.Provider+" "+a.Operation, b.Provider+" "+b.Operation)
	})
	return rep
}

// generic writes a pointer's array indexes as "*", so one field of many
// elements is one entry.
func generic(ptr string) string {
	segs := strings.Split(ptr, "/")
	for i, s := range segs {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, "/")
}

// JSON is drift.json.
func (rep *Report) JSON() []byte {
	b, _ := json.MarshalIndent(rep, "", "  ")
	return append(b, '\n')
}

// Markdown is drift.md.
func (rep *Report) Markdown() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "# paysandbox drift report\n\nRun: %s  \n", rep.Time.Format(time.RFC3339))
	fmt.Fprintf(&b, "Live answers: %d (%d operations), replayed against the fake: %d  \n", rep.Exchanges, len(rep.Operations), rep.Replayed)
	fmt.Fprintf(&b, "Drift: **%d against the contract** (%d also failures), **%d against the fake**\n\n", rep.Contract, rep.Failures, rep.Fake)
	b.WriteString("Kinds: missing (a required field is absent), extra (a field the contract does not name: drift, not a failure), " +
		"type, format, enum (a status string or code outside the contract), status (an undocumented HTTP status, or not the fake's), " +
		"code (an error code not in the catalogue, or not the fake's), shape-vs-fake (a field path or type the fake's answer lacks or has). " +
		"Pointers are JSON pointers into the live answer.\n\n")
	b.WriteString("| provider | operation | answers | replayed | vs contract | vs fake |\n|---|---|---|---|---|---|\n")
	for _, op := range rep.Operations {
		c, f := op.counts()
		verdict := func(n int) string {
			if n == 0 {
				return "no drift"
			}
			return fmt.Sprint(n)
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %d | %s | %s |\n", op.Provider, op.Operation, op.Exchanges, op.Replayed, verdict(c), verdict(f))
	}
	for _, op := range rep.Operations {
		if op.NoDrift {
			continue
		}
		fmt.Fprintf(&b, "\n## %s %s\n\n| against | kind | pointer | live | want | failure | answers | specs |\n|---|---|---|---|---|---|---|---|\n", op.Provider, op.Operation)
		for _, e := range op.Drift {
			live := e.LiveType
			if e.Example != "" {
				live += " " + e.Example
			}
			fail := ""
			if e.Failure {
				fail = "yes"
			}
			ptr := "`" + e.Pointer + "`"
			if e.Pointer == "" {
				ptr = "(the answer)"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %d | %s |\n", e.Source, e.Kind, ptr, cell(live), cell(e.Want), fail, e.Count, cell(strings.Join(e.Specs, "; ")))
		}
	}
	return []byte(b.String())
}

func (op Operation) counts() (contract, fake int) {
	for _, e := range op.Drift {
		if e.Source == AgainstContract {
			contract++
		} else {
			fake++
		}
	}
	return
}

// cell keeps a value inside one Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
