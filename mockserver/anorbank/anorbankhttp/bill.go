package anorbankhttp

import (
	"encoding/json"
	"strconv"

	"github.com/paysandbox/paysandbox/mockserver/anorbank"
)

// billResponse is the bill object (§2) with the fields of the examples and
// no amountRatio (AN-17). Fields some examples carry and others lack are
// raw JSON: empty = omitted, "null" = null.
type billResponse struct {
	ID                 int64           `json:"id"` // AN-9: = billId
	RecipientShortName string          `json:"recipientShortName"`
	SessionID          *string         `json:"sessionId"`
	Amount             int64           `json:"amount"`
	Account            *string         `json:"account"`
	Currency           int             `json:"currency"`
	ExtID              *string         `json:"extId"`
	RequestTime        string          `json:"requestTime"`
	ResponseTime       string          `json:"responseTime"`
	ResponseText       string          `json:"responseText"`
	Success            bool            `json:"success"`
	Status             string          `json:"status"`
	Data               any             `json:"data,omitempty"` // billData, or raw null / {}
	GatewayName        json.RawMessage `json:"gatewayName,omitempty"`
	Sender             json.RawMessage `json:"sender,omitempty"`
	Receiver           json.RawMessage `json:"receiver,omitempty"`
}

// billShape says which optional members an operation's example shows.
type billShape int

const (
	shapeCheck   billShape = iota // data with phone + leftSeconds
	shapePaid                     // pay, hold, confirm: data {dummy "2", ccy, rate, recipientAmount}
	shapeTopUp                    // more: data null, sender/receiver null
	shapePartial                  // partial reverse: ends after status, sessionId null
	shapeEmpty                    // cancel, reverse: data {}
	shapeStatus                   // status: data {}, sender/receiver null
)

var rawNull = json.RawMessage("null")

// iso8601 is the reference's timestamp with 3 fraction digits and Z.
const iso8601 = "2006-01-02T15:04:05.000Z"

func billView(b anorbank.Bill, shape billShape) billResponse {
	session := strconv.FormatInt(b.RequestTime.UnixMilli(), 10)
	r := billResponse{
		ID: int64(b.ID), RecipientShortName: b.RecipientName, SessionID: &session,
		Amount: int64(b.Amount), Currency: b.Currency,
		RequestTime: b.RequestTime.UTC().Format(iso8601), ResponseTime: b.ResponseTime.UTC().Format(iso8601),
		ResponseText: "OK", Success: b.Success, Status: string(b.State),
	}
	if b.Account != "" {
		r.Account = &b.Account
	}
	if b.AgentTranID != "" {
		r.ExtID = &b.AgentTranID // AN-19: extId echoes the check's agentTranId
	}
	switch shape {
	case shapeCheck:
		d := dataOf(b, "1")
		phone, left := anorbank.MaskPhoneShort(b.Phone), strconv.FormatInt(b.LeftSeconds, 10)
		d.Phone, d.LeftSeconds = &phone, &left
		r.Data = d
		r.GatewayName = rawNull
	case shapePaid:
		r.Data = dataOf(b, "2")
		r.GatewayName = rawNull
	case shapeTopUp:
		r.Data, r.GatewayName, r.Sender, r.Receiver = rawNull, rawNull, rawNull, rawNull
	case shapePartial:
		r.SessionID = nil
	case shapeEmpty:
		r.Data, r.GatewayName = json.RawMessage("{}"), rawNull
	case shapeStatus:
		r.Data, r.GatewayName, r.Sender, r.Receiver = json.RawMessage("{}"), rawNull, rawNull, rawNull
	}
	return r
}

// billData is the examples' data object, string values only (AN-12), keys
// in the order the examples print them sorted; phone and leftSeconds only
// on check. recipientAmount repeats amount with two decimals, as the
// examples do.
type billData struct {
	Ccy             string  `json:"ccy"`
	Dummy           string  `json:"dummy"`
	LeftSeconds     *string `json:"leftSeconds,omitempty"` // check only
	Phone           *string `json:"phone,omitempty"`       // check only
	Rate            string  `json:"rate"`
	RecipientAmount string  `json:"recipientAmount"`
}

func dataOf(b anorbank.Bill, dummy string) *billData {
	return &billData{Ccy: strconv.Itoa(b.Currency), Dummy: dummy, Rate: "100",
		RecipientAmount: strconv.FormatInt(int64(b.Amount), 10) + ".00"}
}
