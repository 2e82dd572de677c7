package sandbox

import (
	"fmt"
	"net/http"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Adapter is a provider's HTTP adapter, built once at start-up.
type Adapter interface {
	http.Handler
	// InternalError answers, in the provider's own envelope, a request whose
	// handler panicked (the recover middleware's last resort).
	InternalError(w http.ResponseWriter, r *http.Request)
}

// provider is a mounted provider: its adapter and how each namespace builds
// its domain state from the scenario.
type provider struct {
	name      string
	adapter   Adapter
	newDomain func(core.Env, *scenarios.Scenario) any
}

// providerFactories are registered by provider_<name>.go files, one each, so
// adding a provider touches no shared file.
var providerFactories = map[string]func() (provider, error){}

func registerProvider(name string, f func() (provider, error)) {
	if _, dup := providerFactories[name]; dup {
		panic("sandbox: provider registered twice: " + name)
	}
	providerFactories[name] = f
}

// mountProviders builds every registered provider, in contracts.Providers order.
func mountProviders() ([]provider, error) {
	var out []provider
	for _, name := range contracts.Providers {
		f, ok := providerFactories[name]
		if !ok {
			continue
		}
		p, err := f()
		if err != nil {
			return nil, fmt.Errorf("sandbox: mounting %s: %w", name, err)
		}
		out = append(out, p)
	}
	return out, nil
}
