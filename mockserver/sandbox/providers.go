package sandbox

import (
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/aloqa/aloqahttp"
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/anorbank/anorbankhttp"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/paysys"
	"github.com/paysandbox/paysandbox/mockserver/paysys/paysyshttp"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/requisites/requisiteshttp"
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
	newDomain  func(core.Env, *scenarios.Scenario) core.Domain
	newAdapter func() (Adapter, error)
	*mounting  // shared by copies of the provider; written once, by mount
}

// mounting is a provider's adapter as mount builds it.
type mounting struct {
	ready   chan struct{} // closed once adapter or err is set
	adapter Adapter
	err     error
}

// providerTable is every provider the sandbox mounts, in contracts.Providers
// order (TestProviderTableMatchesContracts keeps the two equal), each built
// from what it needs of the server's options; adapters are not built yet.
// wall is Options.Now: nil (the process's clock) lets PaySys share its
// adapter too.
func providerTable(wall func() time.Time) []provider {
	paysysAdapter := func() (Adapter, error) {
		return shared(paysys.Provider, func() (Adapter, error) { return paysyshttp.New(nil) })
	}
	if wall != nil {
		// D-3: the Auth timestamp is checked against the wall clock,
		// which for an embedder is Options.Now: an adapter of its own.
		paysysAdapter = func() (Adapter, error) { return paysyshttp.New(wall) }
	}
	ps := []provider{
		{name: anorbank.Provider,
			newDomain: func(env core.Env, sc *scenarios.Scenario) core.Domain { return anorbank.New(env, sc) },
			newAdapter: func() (Adapter, error) {
				return shared(anorbank.Provider, func() (Adapter, error) { return anorbankhttp.New() })
			}},
		{name: aloqa.Provider,
			newDomain: func(env core.Env, sc *scenarios.Scenario) core.Domain { return aloqa.New(env, sc) },
			newAdapter: func() (Adapter, error) {
				return shared(aloqa.Provider, func() (Adapter, error) { return aloqahttp.New() })
			}},
		{name: paysys.Provider,
			newDomain:  func(env core.Env, sc *scenarios.Scenario) core.Domain { return paysys.New(env, sc) },
			newAdapter: paysysAdapter},
		{name: requisites.Provider,
			newDomain: func(env core.Env, sc *scenarios.Scenario) core.Domain { return requisites.New(env, sc) },
			newAdapter: func() (Adapter, error) {
				return shared(requisites.Provider, func() (Adapter, error) { return requisiteshttp.New() })
			}},
	}
	for i := range ps {
		ps[i].mounting = &mounting{ready: make(chan struct{})}
	}
	return ps
}

// sharedAdapters holds each provider's adapter once this process has built
// it. An adapter does not change once built (what differs between servers
// lives in their namespaces and in each request's httpx.Call), so every
// Server shares it and a later New builds no routers or validators (issue
// 15: a test suite can afford one sandbox per test).
var (
	sharedMu       sync.Mutex
	sharedAdapters = map[string]*sharedAdapter{}
)

type sharedAdapter struct {
	once    sync.Once
	adapter Adapter
	err     error
}

// shared returns provider's adapter, built by build on first use.
func shared(provider string, build func() (Adapter, error)) (Adapter, error) {
	sharedMu.Lock()
	e, ok := sharedAdapters[provider]
	if !ok {
		e = &sharedAdapter{}
		sharedAdapters[provider] = e
	}
	sharedMu.Unlock()
	e.once.Do(func() { e.adapter, e.err = build() })
	return e.adapter, e.err
}

// mount builds the adapters with workers goroutines, in provider order
// (parsing a contract is most of start-up); the first error, if any, is
// returned once all are done. In the background the binary leaves one CPU
// to the listener, so requests are answered while the rest still parse.
func mount(ps []provider, workers int, background bool) <-chan error {
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
				// In the background, let a request waiting for this provider
				// run before the next adapter is built: on one CPU the first
				// Anor login need not wait for Aloqa, PaySys and requisites
				// (issue 15). New waiting for all of them gains nothing.
				if background {
					runtime.Gosched()
				}
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
