package requisiteshttp

import (
	"strconv"
	"time"

	"github.com/paysandbox/paysandbox/mockserver/core"
	"github.com/paysandbox/paysandbox/mockserver/core/rules"
	"github.com/paysandbox/paysandbox/mockserver/requisites"
	"github.com/paysandbox/paysandbox/mockserver/wire"
)

type balanceResponse struct {
	Balance string `json:"balance"` // RQ-4: a string of tiyin
}

func (a *Adapter) handleBalance(x *wire.Exchange, req *request) (any, error) {
	id := x.Vars["serviceId"]
	if _, err := intercept(x, req, rules.FactMap{"service_id": id}); err != nil {
		return nil, err
	}
	bal, err := req.svc.Balance(id)
	if err != nil {
		return nil, err
	}
	return okBare(balanceResponse{Balance: strconv.FormatInt(int64(bal), 10)}), nil
}

// entryResponse is one statement line, field names and types as the example (§2.6).
type entryResponse struct {
	ID              int64  `json:"id"`
	DocNumber       string `json:"docNumber"`
	DocDate         string `json:"docDate"`
	PaymentDate     string `json:"paymentDate"`
	Type            string `json:"type"`
	MFOPayer        string `json:"mfoPayer"`
	AccountPayer    string `json:"accountPayer"`
	NamePayer       string `json:"namePayer"`
	INNPayer        string `json:"innPayer"`
	MFOReceiver     string `json:"mfoReceiver"`
	AccountReceiver string `json:"accountReceiver"`
	NameReceiver    string `json:"nameReceiver"`
	INNReceiver     string `json:"innReceiver"`
	Amount          int64  `json:"amount"` // RQ-4: a number here
	Purpose         string `json:"purpose"`
	Status          string `json:"status"`
}

const stamp = "2006-01-02 15:04:05"

func (a *Adapter) handleStatement(x *wire.Exchange, req *request) (any, error) {
	b := req.body
	q := requisites.StatementQuery{
		ServiceID: b.Text("serviceId"), Type: b.Text("type"), LastID: b.Text("lastId"),
		FromDate: b.Text("fromDate"), ToDate: b.Text("toDate"),
	}
	if _, err := intercept(x, req, rules.FactMap{"service_id": q.ServiceID}); err != nil {
		return nil, err
	}
	entries, err := req.svc.Statement(q)
	if err != nil {
		return nil, err
	}
	out := make([]entryResponse, 0, len(entries))
	for _, e := range entries {
		d := e.DocDate.In(core.Tashkent)
		day := dayStart(d)
		out = append(out, entryResponse{
			ID: e.ID, DocNumber: e.DocNumber, DocDate: d.Format(stamp), PaymentDate: day.Format(stamp),
			Type: e.Type, MFOPayer: e.MFOPayer, AccountPayer: e.AccountPayer, NamePayer: e.NamePayer,
			INNPayer: e.INNPayer, MFOReceiver: e.MFOReceiver, AccountReceiver: e.AccountReceiver,
			NameReceiver: e.NameReceiver, INNReceiver: e.INNReceiver, Amount: int64(e.Amount),
			Purpose: e.Purpose, Status: string(e.Status),
		})
	}
	return okBare(out), nil
}

func dayStart(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
