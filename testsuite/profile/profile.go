package profile

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/paysandbox/paysandbox/contracts"
	"github.com/paysandbox/paysandbox/scenarios"
	"github.com/paysandbox/paysandbox/scenarios/schemaref"
)

//go:embed schema.json
var schemaJSON []byte

// Names are the providers a profile may configure, in report order.
var Names = slices.Clone(contracts.Providers) // the one list

// Profile is a loaded live profile.
type Profile struct {
	Version   int                  `json:"version"`
	Name      string               `json:"name,omitempty"`
	Providers map[string]*Provider `json:"providers"`
	// Source is the file read ("" when only variables configure the run).
	Source string `json:"-"`
	// Named are the providers the file names: each must be certified.
	Named []string `json:"-"`
}

// Provider is one real sandbox. Which fields apply depends on the provider;
// schema.json says which.
type Provider struct {
	BaseURL     string      `json:"base_url"`
	Credentials Credentials `json:"credentials"`
	Cards       []Card      `json:"cards,omitempty"`
	Recipients  []Card      `json:"recipients,omitempty"`
	RecipientID int64       `json:"recipient_id,omitempty"`
	Account     string      `json:"account,omitempty"`
	MerchantID  string      `json:"merchant_id,omitempty"`
	TerminalID  string      `json:"terminal_id,omitempty"`
	VendorID    int64       `json:"vendor_id,omitempty"`
	Wallets     []Wallet    `json:"wallets,omitempty"`
	Poll        *Poll       `json:"poll,omitempty"`
	ServiceID   int64       `json:"service_id,omitempty"`
	Receiver    *Receiver   `json:"receiver,omitempty"`
	Card        *PayCard    `json:"card,omitempty"`
	Amount      int64       `json:"amount,omitempty"`
	Commission  int64       `json:"commission,omitempty"`
	OTP         *OTP        `json:"otp,omitempty"`
}

// Credentials: username and password, or PaySys's service id and secret key.
type Credentials struct {
	Username  string `json:"username,omitempty"`
	Password  Secret `json:"password,omitempty"`
	ServiceID string `json:"service_id,omitempty"`
	SecretKey Secret `json:"secret_key,omitempty"`
}

// Card is a test card the sandbox gives (expiry MMYY; phone 998XXXXXXXXX).
type Card struct {
	PAN    string `json:"pan"`
	Expiry string `json:"expiry"`
	Phone  string `json:"phone,omitempty"`
}

// Wallet is a PaySys payee account.
type Wallet struct {
	Account string `json:"account"`
}

// Poll says how to poll a status until it is final.
type Poll struct {
	Every Duration `json:"every,omitempty"`
	For   Duration `json:"for,omitempty"`
}

// Polling returns how often and how long to poll: the profile's values,
// else the defaults given.
func (pv *Provider) Polling(every, total time.Duration) (time.Duration, time.Duration) {
	if pv != nil && pv.Poll != nil {
		if pv.Poll.Every > 0 {
			every = pv.Poll.Every.D()
		}
		if pv.Poll.For > 0 {
			total = pv.Poll.For.D()
		}
	}
	return every, total
}

// Receiver is a requisites payee.
type Receiver struct {
	Name    string `json:"name"`
	MFO     string `json:"mfo"`
	Account string `json:"account"`
	INN     string `json:"inn"`
}

// PayCard is the card a requisites payment names.
type PayCard struct {
	Type   string `json:"type"`
	Number string `json:"number"`
}

// Problem is one thing wrong with a profile or the variables: a JSON
// pointer into the document (or a variable name) and a message, reported
// as the scenario loader reports a scenario's.
type Problem = scenarios.Problem

// LoadError lists every problem found, as `file: /json/pointer: message`.
type LoadError = scenarios.LoadError

// LoadFile reads and loads the profile at path.
func LoadFile(path string, env func(string) (string, bool)) (*Profile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, data, env)
}

// Load parses a YAML or JSON profile named source, expands ${VAR}
// references with env (os.LookupEnv when nil) and validates it against
// schema.json. Relative OTP commands resolve against source's directory.
func Load(source string, data []byte, env func(string) (string, bool)) (*Profile, error) {
	if env == nil {
		env = os.LookupEnv
	}
	fail := func(msg string) error {
		return &LoadError{Source: source, Problems: []Problem{{Message: msg}}}
	}
	doc, err := scenarios.ParseDocument(source, data)
	if err != nil {
		return nil, err
	}
	var problems []Problem
	doc = expand(doc, "", env, &problems)
	asJSON, err := json.Marshal(doc)
	if err != nil {
		return nil, fail("not representable as JSON: " + err.Error())
	}
	// A string whose variable is missing was checked half-expanded: its
	// schema complaint would only repeat the real problem.
	unset := map[string]bool{}
	for _, p := range problems {
		unset[p.Path] = true
	}
	for _, p := range validate(asJSON) {
		if !unset[p.Path] {
			problems = append(problems, p)
		}
	}
	problems = append(problems, otpProblems(doc)...)
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
		return nil, &LoadError{Source: source, Problems: problems}
	}
	p := &Profile{}
	dec := json.NewDecoder(bytes.NewReader(asJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(p); err != nil {
		return nil, fail(err.Error()) // schema.json and the types disagree: a bug here
	}
	p.Source = source
	dir := filepath.Dir(source)
	for _, name := range Names {
		if pv, ok := p.Providers[name]; ok {
			p.Named = append(p.Named, name)
			pv.BaseURL = strings.TrimRight(pv.BaseURL, "/")
			if pv.OTP != nil {
				pv.OTP.dir = dir
			}
		}
	}
	return p, nil
}

// otpProblems checks what schema.json says only in words: an OTP source
// is exactly one of fixed, command, prompt.
func otpProblems(doc any) []Problem {
	var out []Problem
	root, _ := doc.(map[string]any)
	provs, _ := root["providers"].(map[string]any)
	for name, pv := range provs {
		p, _ := pv.(map[string]any)
		otp, ok := p["otp"].(map[string]any)
		if !ok {
			continue
		}
		n := 0
		for _, k := range []string{"fixed", "command", "prompt"} {
			if _, ok := otp[k]; ok {
				n++
			}
		}
		if n != 1 {
			out = append(out, Problem{Path: "/providers/" + escape(name) + "/otp", Message: fmt.Sprintf("want exactly one source of fixed, command, prompt; got %d", n)})
		}
	}
	return out
}

// expand replaces ${NAME} in every string of the document ($$ is a literal
// $). An unset variable is a problem at the string's pointer; the value is
// never part of a message.
func expand(v any, path string, env func(string) (string, bool), problems *[]Problem) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = expand(x, path+"/"+escape(k), env, problems)
		}
	case []any:
		for i, x := range t {
			t[i] = expand(x, fmt.Sprintf("%s/%d", path, i), env, problems)
		}
	case string:
		out, missing := expandString(t, env)
		for _, m := range missing {
			*problems = append(*problems, Problem{Path: path, Message: "environment variable " + m + " is not set"})
		}
		return out
	}
	return v
}

func expandString(s string, env func(string) (string, bool)) (string, []string) {
	if !strings.Contains(s, "$") {
		return s, nil
	}
	var b strings.Builder
	var missing []string
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			b.WriteByte(s[i])
			continue
		}
		switch {
		case strings.HasPrefix(s[i:], "$$"):
			b.WriteByte('$')
			i++
		case strings.HasPrefix(s[i:], "${"):
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String(), missing
			}
			name := s[i+2 : i+end]
			if val, ok := env(name); ok {
				b.WriteString(val)
			} else {
				missing = append(missing, name)
			}
			i += end
		default:
			b.WriteByte('$')
		}
	}
	return b.String(), missing
}

var (
	compileOnce sync.Once
	compiled    *schemaref.Schema
	compileErr  error
)

func validate(asJSON []byte) []Problem {
	compileOnce.Do(func() {
		const url = "https://paysandbox.local/testsuite/profile/schema.json"
		compiled, compileErr = schemaref.Compile(schemaJSON, url, "", false)
	})
	if compileErr != nil {
		return []Problem{{Message: "profile schema.json does not compile: " + compileErr.Error()}}
	}
	return compiled.Problems(asJSON)
}

// escape makes t one JSON pointer token (RFC 6901).
func escape(t string) string {
	return strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1")
}
