package sandbox

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/core"
)

// Issue 13.7: a state file is input like any other. Values a running
// sandbox can never produce are load errors naming their JSON path, card
// numbers masked, rather than balances that break the ledger later.

// stateError is a load error at a JSON path of the state file.
func stateError(path, pointer, format string, args ...any) error {
	return fmt.Errorf("%s: %s: %s", path, pointer, fmt.Sprintf(format, args...))
}

// validateNames refuses a namespace no request could have created.
func validateNames(path string, ns map[string]*nsState) error {
	for name := range ns {
		if !validNamespace(name) {
			return stateError(path, "/namespaces/"+strconv.Quote(core.CleanForHumans(name)),
				"invalid namespace name (1-64 of [A-Za-z0-9._-])")
		}
	}
	return nil
}

// validateCards checks a namespace's saved cards against its ledger (the
// scenario's cards): each known and once, every amount possible.
func validateCards(path, name string, saved []core.Card, ledger *core.Cards) error {
	seen := map[core.PAN]bool{}
	for i, c := range saved {
		at := "/namespaces/" + name + "/cards/" + strconv.Itoa(i)
		if c.PAN != "" {
			at = "/namespaces/" + name + "/cards/" + c.PAN.Masked()
		}
		var why string
		switch _, known := ledger.Get(c.PAN); {
		case !known:
			why = "unknown card: not in the namespace's scenario"
		case seen[c.PAN]:
			why = "the card is saved twice"
		case c.Balance < 0:
			why = fmt.Sprintf("negative balance %d", c.Balance)
		case c.Held < 0:
			why = fmt.Sprintf("negative hold %d", c.Held)
		case c.Held > math.MaxInt64-c.Balance:
			why = fmt.Sprintf("balance %d plus hold %d pass the largest amount", c.Balance, c.Held)
		case c.PerOperation < 0:
			why = fmt.Sprintf("negative per-operation limit %d", c.PerOperation)
		}
		if why != "" {
			return stateError(path, at, "%s", why)
		}
		seen[c.PAN] = true
	}
	return nil
}
