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

// provider is a mounted provider: how each namespace builds its domain
// state from the scenario (no contract needed), and its adapter, built from
// the contract once, possibly in the background (Options.MountInBackground).
type provider struct {
	name       string
	newDomain  func(core.Env, *scenarios.Scenario) any
	newAdapter func() (Adapter, error)
	*mounting  // shared by copies of the provider; written once, by mount
}

// mounting is a provider's adapter as mount builds it.
type mounting struct {
	ready   chan struct{} // closed once adapter or err is set
	adapter Adapter
	err     error
}

type registration struct {
	newDomain  func(core.Env, *scenarios.Scenario) any
	newAdapter func() (Adapter, error)
}

// registered providers come from provider_<name>.go files, one each, so
// adding a provider touches no shared file.
var registered = map[string]registration{}

func registerProvider(name string, newDomain func(core.Env, *scenarios.Scenario) any, newAdapter func() (Adapter, error)) {
	if _, dup := registered[name]; dup {
		panic("sandbox: provider registered twice: " + name)
	}
	registered[name] = registration{newDomain: newDomain, newAdapter: newAdapter}
}

// providerList lists the registered providers in contracts.Providers order,
// adapters not yet built.
func providerList() []provider {
	var out []provider
	for _, name := range contracts.Providers {
		if r, ok := registered[name]; ok {
			out = append(out, provider{name: name, newDomain: r.newDomain, newAdapter: r.newAdapter, mounting: &mounting{ready: make(chan struct{})}})
		}
	}
	return out
}

// mount builds the adapters with workers goroutines, in provider order
// (parsing a contract is most of start-up); the first error, if any, is
// returned once all are done. In the background the binary leaves one CPU
// to the listener, so requests are answered while the rest still parse.
func mount(ps []provider, workers int) <-chan error {
	done := make(chan error, 1)
	queue := make(chan *provider, len(ps))
	for i := range ps {
		queue <- &ps[i]
	}
	close(queue)
	for range max(workers, 1) {
		go func() {
			for p := range queue {
				a, err := p.newAdapter()
				if err != nil {
					err = fmt.Errorf("sandbox: mounting %s: %w", p.name, err)
				}
				p.adapter, p.err = a, err
				close(p.ready)
			}
		}()
	}
	go func() {
		var first error
		for i := range ps {
			<-ps[i].ready
			if ps[i].err != nil && first == nil {
				first = ps[i].err
			}
		}
		done <- first
	}()
	return done
}
