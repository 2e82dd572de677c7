package sandbox

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/anorbank/anorbankhttp"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(anorbank.Provider,
		func(env core.Env, sc *scenarios.Scenario) any { return anorbank.New(env, sc) },
		func() (Adapter, error) { return anorbankhttp.New() })
}
