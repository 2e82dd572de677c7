package sandbox

import (
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/requisites/requisiteshttp"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(requisites.Provider,
		func(env core.Env, sc *scenarios.Scenario) any { return requisites.New(env, sc) },
		func() (Adapter, error) { return requisiteshttp.New() })
}
