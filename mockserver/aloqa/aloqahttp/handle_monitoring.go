package aloqahttp

import (
	"github.com/paysandbox/paysandbox/mockserver/aloqa"
	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

// monTx is a cards/monitoring transaction: key `udate`, tag fields null
// (AQ-3, AQ-4: the example's field set).
type monTx struct {
	ID             string  `json:"_id"`
	PAN            string  `json:"pan"`
	City           string  `json:"city"`
	UTime          int     `json:"utime"`
	UDate          int     `json:"udate"`
	Date           int64   `json:"date"`
	Type           string  `json:"type"`
	Amount         int64   `json:"amount"`
	Reversal       bool    `json:"reversal"`
	Currency       int     `json:"currency"` // AQ-5: an integer here
	RefNum         string  `json:"refNum"`
	Vendor         string  `json:"vendor"`
	SysNum         string  `json:"sysNum"`
	AprCode        string  `json:"aprCode"`
	RefNumber      string  `json:"refNumber"`
	IsCredit       bool    `json:"isCredit"`
	Merchant       string  `json:"merchant"`
	Terminal       string  `json:"terminal"`
	Description    string  `json:"description"`
	MerchantName   string  `json:"merchantName"`
	InternalNumber string  `json:"internalNumber"`
	CreatedAt      string  `json:"createdAt"`
	CreatedDate    int64   `json:"createdDate"`
	V              int     `json:"__v"`
	TagID          *string `json:"tagId"`
	TagName        *string `json:"tagName"`
}

// monEntry is monitoring/get/entry's result: key `update`, plus the full
// `cardNumber`, no tag fields (AQ-3, AQ-4).
type monEntry struct {
	ID             string `json:"_id"`
	PAN            string `json:"pan"`
	CardNumber     string `json:"cardNumber"`
	City           string `json:"city"`
	UTime          int    `json:"utime"`
	Update         int    `json:"update"`
	Date           int64  `json:"date"`
	Type           string `json:"type"`
	Amount         int64  `json:"amount"`
	Reversal       bool   `json:"reversal"`
	Currency       int    `json:"currency"`
	RefNum         string `json:"refNum"`
	Vendor         string `json:"vendor"`
	SysNum         string `json:"sysNum"`
	AprCode        string `json:"aprCode"`
	RefNumber      string `json:"refNumber"`
	IsCredit       bool   `json:"isCredit"`
	Merchant       string `json:"merchant"`
	Terminal       string `json:"terminal"`
	Description    string `json:"description"`
	MerchantName   string `json:"merchantName"`
	InternalNumber string `json:"internalNumber"`
	CreatedAt      string `json:"createdAt"`
	CreatedDate    int64  `json:"createdDate"`
	V              int    `json:"__v"`
}

func toMonTx(e aloqa.Entry) monTx {
	t := e.At.In(aloqa.Tashkent)
	short := e.Refs.RefNum[len(e.Refs.RefNum)-6:]
	return monTx{
		ID: e.ID, PAN: maskAQ8(string(e.PAN)), City: "TASHKENT",
		UTime: t.Hour()*10000 + t.Minute()*100 + t.Second(),
		UDate: t.Year()*10000 + int(t.Month())*100 + t.Day(),
		Date:  e.At.UnixMilli(), Type: e.Type, Amount: int64(e.Amount), Reversal: e.Reversal, Currency: e.Currency,
		RefNum: short, Vendor: vendorName(e.Vendor), SysNum: short, AprCode: e.Refs.AprCode, RefNumber: e.Refs.RefNum,
		IsCredit: e.Credit, Merchant: e.Merchant, Terminal: e.Terminal, Description: e.Description,
		MerchantName: e.MerchantNm, InternalNumber: e.Refs.PaymentID, CreatedAt: aloqa.CreatedAt(e.At),
		CreatedDate: e.At.UnixMilli(),
	}
}

func handleMonitoring(x *wire.Exchange, req *request) (any, error) {
	raw, ok := req.body.Raw("tokens").([]any)
	if !ok || len(raw) == 0 {
		return nil, core.Fail(aloqa.CodeMissingParams)
	}
	q := aloqa.MonitoringQuery{}
	for _, v := range raw {
		s, ok := v.(string)
		if !ok {
			return nil, core.Fail(aloqa.CodeMissingParams)
		}
		q.Tokens = append(q.Tokens, aloqa.CardToken(s))
	}
	var err error
	if q.From, err = req.str("from"); err != nil {
		return nil, err
	}
	if q.To, err = req.str("to"); err != nil {
		return nil, err
	}
	if q.Page, err = optInt(req, "page"); err != nil {
		return nil, err
	}
	if q.Size, err = optInt(req, "size"); err != nil {
		return nil, err
	}
	if _, err := x.Intercept(map[string]any{"pan": req.svc.PANOfToken(q.Tokens[0])}); err != nil {
		return nil, err
	}
	page, err := req.svc.Monitoring(q)
	if err != nil {
		return nil, err
	}
	out := struct {
		TotalDebit   int64   `json:"totalDebit"`
		TotalCredit  int64   `json:"totalCredit"`
		Transactions []monTx `json:"transactions"`
	}{TotalDebit: int64(page.TotalDebit), TotalCredit: int64(page.TotalCredit), Transactions: []monTx{}}
	for _, e := range page.Entries {
		out.Transactions = append(out.Transactions, toMonTx(e))
	}
	return out, nil
}

func optInt(req *request, key string) (int, error) {
	if !req.body.Has(key) {
		return 0, nil
	}
	n, err := req.integer(key)
	if err != nil || n > 1<<20 {
		return 0, core.Fail(aloqa.CodeMissingParams)
	}
	return int(n), nil
}

func handleMonitoringEntry(x *wire.Exchange, req *request) (any, error) {
	id, err := req.str("id")
	if err != nil {
		return nil, err
	}
	if _, err := x.Intercept(map[string]any{}); err != nil {
		return nil, err
	}
	e, err := req.svc.Entry(id)
	if err != nil {
		return nil, err
	}
	t := toMonTx(e)
	return monEntry{
		ID: t.ID, PAN: t.PAN, CardNumber: string(e.PAN), City: t.City, UTime: t.UTime, Update: t.UDate, Date: t.Date,
		Type: t.Type, Amount: t.Amount, Reversal: t.Reversal, Currency: t.Currency, RefNum: t.RefNum, Vendor: t.Vendor,
		SysNum: t.SysNum, AprCode: t.AprCode, RefNumber: t.RefNumber, IsCredit: t.IsCredit, Merchant: t.Merchant,
		Terminal: t.Terminal, Description: t.Description, MerchantName: t.MerchantName, InternalNumber: t.InternalNumber,
		CreatedAt: t.CreatedAt, CreatedDate: t.CreatedDate,
	}, nil
}
