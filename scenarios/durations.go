package scenarios

import (
	"fmt"
	"time"
)

// checkDurations reports every negative duration: a delay, a TTL or a step
// cannot run backwards, and the schema's pattern cannot say so clearly.
func checkDurations(ds []namedDuration) []Problem {
	var out []Problem
	for _, d := range ds {
		if d.d < 0 {
			out = append(out, Problem{Path: d.path, Message: fmt.Sprintf("negative duration %s; want 0s or more", time.Duration(d.d))})
		}
	}
	return out
}

type namedDuration struct {
	path string
	d    Duration
}

// durationsOf lists every duration of a scenario outside its rules, with its pointer.
func durationsOf(s *Scenario) []namedDuration {
	st := s.Settings
	out := []namedDuration{
		{"/settings/latency/default", st.Latency.Default},
		{"/settings/latency/jitter", st.Latency.Jitter},
		{"/settings/otp/ttl", st.OTP.TTL},
		{"/settings/anorbank/token_ttl", st.Anorbank.TokenTTL},
		{"/settings/anorbank/refresh_ttl", st.Anorbank.RefreshTTL},
		{"/settings/anorbank/reverse_after", st.Anorbank.ReverseAfter},
		{"/settings/anorbank/hold_ttl", st.Anorbank.HoldTTL},
		{"/settings/aloqa/card_token_ttl", st.Aloqa.CardTokenTTL},
		{"/settings/aloqa/hold_ttl", st.Aloqa.HoldTTL},
		{"/settings/paysys/max_skew", st.Paysys.MaxSkew},
		{"/settings/requisites/settle_after", st.Requisites.SettleAfter},
	}
	for _, p := range []struct {
		name string
		d    *Duration
	}{
		{"anorbank", st.Latency.Anorbank}, {"aloqa", st.Latency.Aloqa},
		{"paysys", st.Latency.Paysys}, {"requisites", st.Latency.Requisites},
	} {
		if p.d != nil {
			out = append(out, namedDuration{"/settings/latency/" + p.name, *p.d})
		}
	}
	for i, w := range s.Paysys.Wallets {
		for j, step := range w.Statuses {
			out = append(out, namedDuration{fmt.Sprintf("/paysys/wallets/%d/statuses/%d/for", i, j), step.For})
		}
	}
	return out // rules: checkRule
}

// ruleDurations lists a rule's delay and the steps of a PaySys outcome.
func ruleDurations(path string, r Rule) []namedDuration {
	out := []namedDuration{{path + "/delay", r.Delay}}
	steps, ok := r.Outcome["statuses"].([]any)
	if !ok {
		return out
	}
	for j, step := range steps {
		m, ok := step.(map[string]any)
		if !ok {
			continue
		}
		if text, ok := m["for"].(string); ok {
			if d, err := time.ParseDuration(text); err == nil {
				out = append(out, namedDuration{fmt.Sprintf("%s/outcome/statuses/%d/for", path, j), Duration(d)})
			}
		}
	}
	return out
}
