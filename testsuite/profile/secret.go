package profile

import (
	"encoding/json"
	"log/slog"
	"time"
)

// Secret is a password or key. It prints, logs and marshals as "****", so
// no report, log line or failure message can carry it; Reveal is for the
// one place that sends it.
type Secret struct{ v string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{s} }

// Reveal returns the value.
func (s Secret) Reveal() string { return s.v }

// IsZero reports an empty secret.
func (s Secret) IsZero() bool { return s.v == "" }

func (s Secret) String() string               { return "****" }
func (s Secret) GoString() string             { return `profile.Secret("****")` }
func (s Secret) LogValue() slog.Value         { return slog.StringValue("****") }
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"****"`), nil }

// UnmarshalJSON reads the value.
func (s *Secret) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &s.v) }

// Duration is a Go duration written as a string ("30s", "2m").
type Duration time.Duration

// D returns the time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads "30s" (schema.json checked the form).
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.ParseDuration(s)
	*d = Duration(v)
	return err
}
