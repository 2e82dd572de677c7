package scenarios

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Scenario is a validated scenario with defaults applied.
type Scenario struct {
	Version     int            `json:"version"`
	Name        string         `json:"name,omitempty"`
	Description string         `json:"description,omitempty"`
	Seed        int64          `json:"seed"`
	Settings    Settings       `json:"settings"`
	Credentials Credentials    `json:"credentials"`
	Cards       []Card         `json:"cards,omitempty"`
	Anorbank    AnorbankData   `json:"anorbank"`
	Aloqa       AloqaData      `json:"aloqa"`
	Paysys      PaysysData     `json:"paysys"`
	Requisites  RequisitesData `json:"requisites"`
	Rules       []Rule         `json:"rules,omitempty"`
	Source      string         `json:"-"` // file name or "embedded default"
}

// Duration is a Go duration written as text ("120s", "5m").
type Duration time.Duration

// D returns it as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// Code is an error code written as text or as a number ("bad credentials", 1111, -32309).
type Code string

func (c *Code) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*c = Code(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("error code must be a string or an integer")
	}
	*c = Code(n.String())
	return nil
}

func (c Code) MarshalJSON() ([]byte, error) {
	if n, err := strconv.ParseInt(string(c), 10, 64); err == nil {
		return json.Marshal(n)
	}
	return json.Marshal(string(c))
}

// Settings are the scenario's knobs; defaults come from DefaultSettings().
type Settings struct {
	Clock      ClockSettings      `json:"clock"`
	Latency    LatencySettings    `json:"latency"`
	OTP        OTPSettings        `json:"otp"`
	Anorbank   AnorbankSettings   `json:"anorbank"`
	Aloqa      AloqaSettings      `json:"aloqa"`
	Paysys     PaysysSettings     `json:"paysys"`
	Requisites RequisitesSettings `json:"requisites"`
}

type ClockSettings struct {
	Start string `json:"start"` // "now" or RFC 3339
	Mode  string `json:"mode"`  // running | frozen
}

// LatencySettings: a provider without its own latency gets Default (a
// provider's own 0s is honoured, hence the pointers).
type LatencySettings struct {
	Default    Duration  `json:"default"`
	Jitter     Duration  `json:"jitter"`
	Anorbank   *Duration `json:"anorbank,omitempty"`
	Aloqa      *Duration `json:"aloqa,omitempty"`
	Paysys     *Duration `json:"paysys,omitempty"`
	Requisites *Duration `json:"requisites,omitempty"`
}

// For returns the latency configured for a provider.
func (l LatencySettings) For(provider string) time.Duration {
	var d *Duration
	switch provider {
	case "anorbank":
		d = l.Anorbank
	case "aloqa":
		d = l.Aloqa
	case "paysys":
		d = l.Paysys
	case "requisites":
		d = l.Requisites
	}
	if d == nil {
		return l.Default.D()
	}
	return d.D()
}

type OTPSettings struct {
	Length      int      `json:"length"`
	TTL         Duration `json:"ttl"`
	MaxAttempts int      `json:"max_attempts"`
	Resends     int      `json:"resends"` // 0 = no resend
	FixedCode   string   `json:"fixed_code,omitempty"`
}

type AnorbankSettings struct {
	TokenTTL       Duration `json:"token_ttl"`
	RefreshTTL     Duration `json:"refresh_ttl"`
	HoldTopUpLimit float64  `json:"hold_topup_limit"`
	ReverseAfter   Duration `json:"reverse_after"`
	LoginErrors    string   `json:"login_errors"` // generic | detailed
	HoldTTL        Duration `json:"hold_ttl"`     // D-18: a stale hold is released after this; 0 = never
}

type AloqaSettings struct {
	MinAmount    int64    `json:"min_amount"`
	MaxAmount    int64    `json:"max_amount"`
	CardTokenTTL Duration `json:"card_token_ttl"`
	HoldTTL      Duration `json:"hold_ttl"` // D-18: a stale hold is released after this; 0 = never
}

type PaysysSettings struct {
	Auth    []string `json:"auth"` // signature, basic
	MaxSkew Duration `json:"max_skew"`
	// AuthTimestamp is the unit the Auth header's timestamp may use (D-11):
	// "any" (default) reads 10 digits as seconds and 13 as milliseconds;
	// "ms" requires milliseconds, so a seconds timestamp is stale (-32320).
	AuthTimestamp string `json:"auth_timestamp"`
}

// PaySys Auth timestamp units (settings.paysys.auth_timestamp, D-11).
const (
	PaysysTimestampAny = "any"
	PaysysTimestampMS  = "ms"
)

type RequisitesSettings struct {
	SettleAfter             Duration `json:"settle_after"`
	DuplicateOrderCode      int      `json:"duplicate_order_code"`
	InsufficientBalanceCode int      `json:"insufficient_balance_code"`
}

type Credentials struct {
	Anorbank   []AnorbankCredential   `json:"anorbank,omitempty"`
	Aloqa      []BasicCredential      `json:"aloqa,omitempty"`
	Requisites []RequisitesCredential `json:"requisites,omitempty"`
	Paysys     []PaysysCredential     `json:"paysys,omitempty"`
}

type AnorbankCredential struct {
	Username string   `json:"username"`
	Password string   `json:"password"`
	Roles    []string `json:"roles,omitempty"`
}

type BasicCredential struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

type RequisitesCredential struct {
	Username string   `json:"username"`
	Password string   `json:"password"`
	Methods  []string `json:"methods,omitempty"` // empty = all
}

type PaysysCredential struct {
	ServiceID string           `json:"service_id"`
	SecretKey string           `json:"secret_key"`
	Basic     *BasicCredential `json:"basic,omitempty"`
}

// Card is a card as a scenario writes it; see core.Card for the ledger form.
type Card struct {
	PAN        string      `json:"pan"`
	Expiry     string      `json:"expiry"` // YYYY-MM
	Vendor     string      `json:"vendor,omitempty"`
	Bank       string      `json:"bank,omitempty"`
	Holder     string      `json:"holder,omitempty"`
	Phone      string      `json:"phone,omitempty"`
	Balance    *int64      `json:"balance,omitempty"`
	Currency   int         `json:"currency,omitempty"`
	Status     string      `json:"status,omitempty"`
	SMS        *bool       `json:"sms,omitempty"`
	Limits     *CardLimits `json:"limits,omitempty"`
	Processing string      `json:"processing,omitempty"`
	Flags      []string    `json:"flags,omitempty"`
}

type CardLimits struct {
	PerOperation *int64 `json:"per_operation,omitempty"`
	DailySMS     *int   `json:"daily_sms,omitempty"`
}

type AnorbankData struct {
	Agent      AnorbankAgent       `json:"agent"`
	Recipients []AnorbankRecipient `json:"recipients,omitempty"`
}

type AnorbankAgent struct {
	Deposit int64  `json:"deposit"`
	Account string `json:"account,omitempty"`
	MFO     string `json:"mfo,omitempty"`
}

type AnorbankRecipient struct {
	ID      int64  `json:"id"`
	Name    string `json:"name,omitempty"`
	Active  *bool  `json:"active,omitempty"`
	Billing string `json:"billing,omitempty"` // ok | error | error_reversed | error_will_reverse | error_need_reverse
}

// IsActive reports whether payments to the recipient are allowed (default true).
func (r AnorbankRecipient) IsActive() bool { return r.Active == nil || *r.Active }

type AloqaData struct {
	Merchants []AloqaMerchant `json:"merchants,omitempty"`
	Fees      AloqaFees       `json:"fees"`
}

type AloqaMerchant struct {
	ID        string   `json:"id"`
	Name      string   `json:"name,omitempty"`
	Terminals []string `json:"terminals,omitempty"`
}

// AloqaFees are percent strings per P2P route ("0.5").
type AloqaFees struct {
	Uzcard2Uzcard string `json:"uzcard2uzcard,omitempty"`
	Uzcard2Humo   string `json:"uzcard2humo,omitempty"`
	Humo2Uzcard   string `json:"humo2uzcard,omitempty"`
	Humo2Humo     string `json:"humo2humo,omitempty"`
}

type PaysysData struct {
	Balance int64          `json:"balance"`
	Vendors []PaysysVendor `json:"vendors,omitempty"`
	Wallets []PaysysWallet `json:"wallets,omitempty"`
}

type PaysysVendor struct {
	ID      int64  `json:"id"`
	Name    string `json:"name,omitempty"`
	Blocked bool   `json:"blocked,omitempty"`
}

type PaysysWallet struct {
	VendorID int64        `json:"vendor_id"`
	Account  string       `json:"account"`
	Statuses []StatusStep `json:"statuses,omitempty"`
}

// StatusStep is one scripted PaySys status: Status for For, then the next;
// the last step is final.
type StatusStep struct {
	Status int      `json:"status"`
	For    Duration `json:"for,omitempty"`
}

type RequisitesData struct {
	Banks     []RequisitesBank      `json:"banks,omitempty"`
	Services  []RequisitesService   `json:"services,omitempty"`
	Statement []RequisitesStatement `json:"statement,omitempty"`
}

type RequisitesBank struct {
	MFO  string `json:"mfo"`
	Name string `json:"name,omitempty"`
	SMP  *bool  `json:"smp,omitempty"` // default true
}

type RequisitesService struct {
	ID         int64  `json:"id"`
	Name       string `json:"name,omitempty"`
	Type       string `json:"type,omitempty"`
	Activated  *bool  `json:"activated,omitempty"`  // default true
	Configured *bool  `json:"configured,omitempty"` // default true
	Account    string `json:"account,omitempty"`
	Balance    int64  `json:"balance"`
}

type RequisitesStatement struct {
	ServiceID int64  `json:"service_id"`
	Direction string `json:"direction,omitempty"` // incoming (default) | outgoing
	Amount    int64  `json:"amount"`
	MFO       string `json:"mfo,omitempty"`
	Account   string `json:"account,omitempty"`
	Name      string `json:"name,omitempty"`
	INN       string `json:"inn,omitempty"`
	Purpose   string `json:"purpose,omitempty"`
	Date      string `json:"date,omitempty"`
}

// Rule is a scenario rule: the shape of a POST /__admin/faults body plus name and match.
type Rule struct {
	Name        string                     `json:"name,omitempty"`
	Provider    string                     `json:"provider"`
	Operation   Operations                 `json:"operation,omitempty"`
	Match       map[string]json.RawMessage `json:"match,omitempty"`
	Error       Code                       `json:"error,omitempty"`
	Fault       string                     `json:"fault,omitempty"`
	Delay       Duration                   `json:"delay,omitempty"`
	Outcome     map[string]any             `json:"outcome,omitempty"`
	Times       int                        `json:"times,omitempty"`
	Probability float64                    `json:"probability,omitempty"`
}

// Operations is one operation name or a list.
type Operations []string

func (o *Operations) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*o = Operations{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*o = many
	return nil
}
