package anorbankhttp

import (
	"github.com/paysandbox/paysandbox/mockserver/anorbank"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// authResponse is the auth envelope of login and refresh-token (§3.1).
type authResponse struct {
	StatusCode    int        `json:"statusCode"` // AN-3: 0, not the OCR's 9
	StatusMessage string     `json:"statusMessage"`
	Result        authResult `json:"result"`
}

type authResult struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int64  `json:"expires_in"`
	Scope        string `json:"scope"`
}

func envelope(t anorbank.Tokens) authResponse {
	return authResponse{StatusMessage: "OK", Result: authResult{
		AccessToken: t.Access, TokenType: "bearer", RefreshToken: t.Refresh, ExpiresIn: t.ExpiresIn, Scope: "openid",
	}}
}

func (a *Adapter) handleLogin(x *wire.Exchange, req *request) (any, error) {
	username, _ := req.body.String("username")
	password, _ := req.body.String("password")
	if _, err := x.Intercept(rules.FactMap{"username": username}); err != nil {
		return nil, err
	}
	svc := req.svc
	t, err := svc.Login(username, password)
	if err != nil {
		return nil, err
	}
	return envelope(t), nil
}

func (a *Adapter) handleRefresh(x *wire.Exchange, req *request) (any, error) {
	token, _ := req.body.String("refreshToken")
	if _, err := x.Intercept(rules.FactMap{}); err != nil {
		return nil, err
	}
	svc := req.svc
	t, err := svc.Refresh(token)
	if err != nil {
		return nil, err
	}
	return envelope(t), nil
}
