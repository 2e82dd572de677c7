package sandbox

import (
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/paysys/paysyshttp"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(paysys.Provider, func() (provider, error) {
		// D-3: the Auth timestamp is checked against the real wall clock.
		a, err := paysyshttp.New(time.Now)
		if err != nil {
			return provider{}, err
		}
		return provider{
			name:      paysys.Provider,
			adapter:   a,
			newDomain: func(env core.Env, sc *scenarios.Scenario) any { return paysys.New(env, sc) },
		}, nil
	})
}
