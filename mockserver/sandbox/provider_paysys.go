package sandbox

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/paysys/paysyshttp"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(paysys.Provider,
		func(env core.Env, sc *scenarios.Scenario) any { return paysys.New(env, sc) },
		// D-3: the Auth timestamp is checked against the real wall clock.
		func() (Adapter, error) { return paysyshttp.New(time.Now) })
}
