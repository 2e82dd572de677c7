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
	Data               json.RawMessage `json:"data,omitempty"`
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
		r.Data = dataJSON(b, "1", map[string]string{
			"phone": anorbank.MaskPhoneShort(b.Phone), "leftSeconds": strconv.FormatInt(b.LeftSeconds, 10),
		})
		r.GatewayName = rawNull
	case shapePaid:
		r.Data = dataJSON(b, "2", nil)
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

// dataJSON is the examples' data object, string values only (AN-12):
// recipientAmount repeats amount with two decimals, as the examples do.
func dataJSON(b anorbank.Bill, dummy string, extra map[string]string) json.RawMessage {
	m := map[string]string{
		"dummy": dummy, "ccy": strconv.Itoa(b.Currency), "rate": "100",
		"recipientAmount": strconv.FormatInt(int64(b.Amount), 10) + ".00",
	}
	for k, v := range extra {
		m[k] = v
	}
	out, _ := json.Marshal(m)
	return out
}
