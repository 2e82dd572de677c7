package profile

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// VarPrefix starts every override variable: PAYSANDBOX_LIVE_<PROVIDER>_<FIELD>.
const VarPrefix = "PAYSANDBOX_LIVE_"

// Fields are the override variables' last parts, what each sets.
var Fields = map[string]string{
	"URL":        "base_url",
	"USERNAME":   "credentials.username",
	"PASSWORD":   "credentials.password",
	"SERVICE_ID": "credentials.service_id (paysys)",
	"SECRET_KEY": "credentials.secret_key (paysys)",
	"CARD":       "cards[0].pan",
	"EXPIRY":     "cards[0].expiry",
	"PHONE":      "cards[0].phone",
	"OTP":        "otp.fixed",
}

// Resolve builds the live configuration from a profile (nil when none) and
// the environment (environ is os.Environ()): variables override the file,
// and a provider configured only by variables is added. An unknown
// PAYSANDBOX_LIVE_ variable, a provider with variables but no base URL, or
// missing credentials are problems; so is a run with nothing configured.
func Resolve(p *Profile, environ []string) (*Profile, error) {
	out := &Profile{Version: 1, Providers: map[string]*Provider{}}
	source := "environment"
	if p != nil {
		out.Name, out.Source, out.Named = p.Name, p.Source, p.Named
		source = p.Source
		for k, v := range p.Providers {
			c := *v
			out.Providers[k] = &c
		}
	}
	var problems []Problem
	vars := map[string]map[string]string{}
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(k, VarPrefix) {
			continue
		}
		rest := k[len(VarPrefix):]
		prov, field, ok := splitVar(rest)
		if !ok {
			problems = append(problems, Problem{Path: k, Message: "unknown variable: want " + VarPrefix + "<" + strings.ToUpper(strings.Join(Names, "|")) + ">_<" + strings.Join(fieldNames(), "|") + ">"})
			continue
		}
		if vars[prov] == nil {
			vars[prov] = map[string]string{}
		}
		vars[prov][field] = v
	}
	for _, name := range Names {
		set := vars[name]
		if len(set) == 0 {
			continue
		}
		pv := out.Providers[name]
		if pv == nil {
			if set["URL"] == "" {
				for f := range set {
					problems = append(problems, Problem{Path: varName(name, f), Message: "is set but " + name + " has no base URL (" + varName(name, "URL") + " or providers." + name + ".base_url in the profile)"})
				}
				continue
			}
			pv = &Provider{}
			out.Providers[name] = pv
		}
		apply(pv, set)
	}
	for _, name := range Names {
		pv, ok := out.Providers[name]
		if !ok {
			continue
		}
		problems = append(problems, required(name, pv)...)
	}
	if len(out.Providers) == 0 && len(problems) == 0 {
		problems = append(problems, Problem{Message: "nothing to certify: no profile (PAYSANDBOX_PROFILE, make certify PROFILE=live.yaml) and no " + VarPrefix + "<PROVIDER>_URL variable"})
	}
	if len(problems) > 0 {
		sort.SliceStable(problems, func(i, j int) bool { return problems[i].Path < problems[j].Path })
		return nil, &LoadError{Source: source, Problems: problems}
	}
	return out, nil
}

func splitVar(rest string) (provider, field string, ok bool) {
	for _, n := range Names {
		up := strings.ToUpper(n) + "_"
		if strings.HasPrefix(rest, up) {
			f := rest[len(up):]
			if _, known := Fields[f]; known {
				return n, f, true
			}
		}
	}
	return "", "", false
}

func fieldNames() []string {
	var out []string
	for f := range Fields {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

func varName(provider, field string) string {
	return VarPrefix + strings.ToUpper(provider) + "_" + field
}

func apply(pv *Provider, set map[string]string) {
	card := func() *Card {
		if len(pv.Cards) == 0 {
			pv.Cards = []Card{{}}
		} else {
			pv.Cards = slices.Clone(pv.Cards)
		}
		return &pv.Cards[0]
	}
	for f, v := range set {
		switch f {
		case "URL":
			pv.BaseURL = strings.TrimRight(v, "/")
		case "USERNAME":
			pv.Credentials.Username = v
		case "PASSWORD":
			pv.Credentials.Password = NewSecret(v)
		case "SERVICE_ID":
			pv.Credentials.ServiceID = v
		case "SECRET_KEY":
			pv.Credentials.SecretKey = NewSecret(v)
		case "CARD":
			card().PAN = v
		case "EXPIRY":
			card().Expiry = v
		case "PHONE":
			card().Phone = v
		case "OTP":
			pv.OTP = &OTP{Fixed: v}
		}
	}
}

// required checks what every spec of the provider needs: a URL and credentials.
func required(name string, pv *Provider) []Problem {
	var out []Problem
	miss := func(field, what string) {
		out = append(out, Problem{Path: "/providers/" + name + "/" + what, Message: fmt.Sprintf("missing (set it in the profile or %s)", varName(name, field))})
	}
	if !strings.HasPrefix(pv.BaseURL, "http://") && !strings.HasPrefix(pv.BaseURL, "https://") {
		out = append(out, Problem{Path: "/providers/" + name + "/base_url", Message: "want an http:// or https:// URL (" + varName(name, "URL") + ")"})
	}
	if name == "paysys" {
		if pv.Credentials.ServiceID == "" {
			miss("SERVICE_ID", "credentials/service_id")
		}
		if pv.Credentials.SecretKey.IsZero() {
			miss("SECRET_KEY", "credentials/secret_key")
		}
		return out
	}
	if pv.Credentials.Username == "" {
		miss("USERNAME", "credentials/username")
	}
	if pv.Credentials.Password.IsZero() {
		miss("PASSWORD", "credentials/password")
	}
	return out
}
