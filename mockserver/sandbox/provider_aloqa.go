package sandbox

import (
	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/aloqa/aloqahttp"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

func init() {
	registerProvider(aloqa.Provider,
		func(env core.Env, sc *scenarios.Scenario) any { return aloqa.New(env, sc) },
		func() (Adapter, error) { return aloqahttp.New() })
}
