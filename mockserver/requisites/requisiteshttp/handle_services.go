package requisiteshttp

import (
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// serviceResponse is one entry of GET /api/v2/services (§2.1).
type serviceResponse struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Activated bool   `json:"activated"`
	Type      string `json:"type"`
	Account   string `json:"account"`
}

func (a *Adapter) handleServices(x *wire.Exchange, req *request) (any, error) {
	if _, err := intercept(x, req, rules.FactMap{}); err != nil {
		return nil, err
	}
	list := req.svc.Services()
	out := make([]serviceResponse, 0, len(list))
	for _, s := range list {
		out = append(out, serviceResponse{ID: int64(s.ID), Name: s.Name, Activated: s.Activated, Type: s.WireType(), Account: s.Account})
	}
	return ok(out), nil
}
