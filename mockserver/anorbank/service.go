package anorbank

import (
	"sync"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/scenarios"
)

// Provider is the provider's name in paths, journals, rules and catalogues.
const Provider = "anorbank"

// Service is one namespace's Anor Bank. One mutex guards its maps; money
// moves go through the shared card ledger, which locks per card.
type Service struct {
	mu       sync.Mutex
	env      core.Env
	settings scenarios.AnorbankSettings
	agents   map[string]scenarios.AnorbankCredential // by username
	faker    *gofakeit.Faker

	access  map[string]*accessToken  // by token string
	refresh map[string]*refreshToken // by token string
}

// New builds the namespace's Anor Bank from the scenario.
func New(env core.Env, sc *scenarios.Scenario) *Service {
	s := &Service{
		env:      env,
		settings: sc.Settings.Anorbank,
		agents:   map[string]scenarios.AnorbankCredential{},
		faker:    gofakeit.New(env.Seed ^ 0x616e6f72), // "anor": own stream per provider
		access:   map[string]*accessToken{},
		refresh:  map[string]*refreshToken{},
	}
	for _, c := range sc.Credentials.Anorbank {
		s.agents[c.Username] = c
	}
	return s
}

// StateView is what GET /__admin/state/anorbank shows.
func (s *Service) StateView() any {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.env.Clock.Now()
	live := 0
	for _, t := range s.access {
		if now.Before(t.expires) {
			live++
		}
	}
	cards := s.env.Cards.All()
	view := make([]map[string]any, 0, len(cards))
	for _, c := range cards {
		view = append(view, map[string]any{"pan": c.PAN.Masked(), "balance": c.Balance, "held": c.Held, "status": c.Status})
	}
	return map[string]any{
		"agents":        len(s.agents),
		"access_tokens": map[string]int{"issued": len(s.access), "live": live},
		"cards":         view,
	}
}
