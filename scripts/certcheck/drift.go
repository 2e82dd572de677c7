package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// driftFlags are the -drift flags: "provider operation pointer kind".
type driftFlags []string

func (d *driftFlags) String() string     { return strings.Join(*d, "; ") }
func (d *driftFlags) Set(v string) error { *d = append(*d, v); return nil }

type driftReport struct {
	Contract   int `json:"contract"`
	Fake       int `json:"fake"`
	Operations []struct {
		Drift []struct {
			Provider, Operation, Pointer, Kind, Source string
			Specs                                      []string
		} `json:"drift"`
	} `json:"operations"`
}

// checkDrift: drift.json names each wanted (provider, operation, pointer,
// kind) with at least one spec, and counts the wanted entries.
func (c *checker) checkDrift(want []string, contract, fake int) {
	var rep driftReport
	data, err := os.ReadFile(filepath.Join(c.dir, "drift.json"))
	if err == nil {
		err = json.Unmarshal(data, &rep)
	}
	if err != nil {
		c.fail("drift.json: %v", err)
		return
	}
	if contract >= 0 && rep.Contract != contract {
		c.fail("drift.json: %d entries against the contract, want %d", rep.Contract, contract)
	}
	if fake >= 0 && rep.Fake != fake {
		c.fail("drift.json: %d entries against the fake, want %d", rep.Fake, fake)
	}
	for _, w := range want {
		f := strings.Fields(w)
		if len(f) != 4 {
			c.fail("-drift %q: want \"provider operation pointer kind\"", w)
			continue
		}
		if !hasDrift(rep, f[0], f[1], f[2], f[3]) {
			c.fail("drift.json does not name %s %s %s (%s)", f[0], f[1], f[2], f[3])
		}
	}
}

func hasDrift(rep driftReport, provider, operation, pointer, kind string) bool {
	for _, op := range rep.Operations {
		for _, e := range op.Drift {
			if e.Provider == provider && e.Operation == operation && e.Pointer == pointer && e.Kind == kind && len(e.Specs) > 0 {
				return true
			}
		}
	}
	return false
}
