package sandbox

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/anorbank/anorbankhttp"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(anorbank.Provider, func() (provider, error) {
		a, err := anorbankhttp.New()
		if err != nil {
			return provider{}, err
		}
		return provider{
			name:      anorbank.Provider,
			adapter:   a,
			newDomain: func(env core.Env, sc *scenarios.Scenario) any { return anorbank.New(env, sc) },
		}, nil
	})
}
