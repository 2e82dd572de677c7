package sandbox

import (
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/requisites/requisiteshttp"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(requisites.Provider, func() (provider, error) {
		a, err := requisiteshttp.New()
		if err != nil {
			return provider{}, err
		}
		return provider{
			name:      requisites.Provider,
			adapter:   a,
			newDomain: func(env core.Env, sc *scenarios.Scenario) any { return requisites.New(env, sc) },
		}, nil
	})
}
