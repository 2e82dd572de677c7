package scenarios

import "testing"

// The loader takes files and PUT bodies from users: whatever the bytes, it
// returns a scenario or a *LoadError, never panics.
func FuzzLoad(f *testing.F) {
	f.Add(DefaultYAML())
	f.Add([]byte("version: 1\n"))
	f.Add([]byte(`{"version":1,"cards":[{"pan":"8600000000000001","expiry":"2027-07","balance":1}]}`))
	f.Add([]byte("version: 1\nrules: [{provider: anorbank, operation: login, match: {pan: {in: [1]}}, delay: 1s}]\n"))
	f.Add([]byte("version: 1\nsettings: {otp: {ttl: 5s, resends: 0}, clock: {start: '2026-03-02T09:00:00+05:00'}}\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := Load("fuzz.yaml", data, Checks{})
		if err == nil {
			if sc == nil {
				t.Fatal("nil scenario without error")
			}
			if _, err := sc.JSON(); err != nil {
				t.Fatalf("a loaded scenario does not encode: %v", err)
			}
		}
	})
}
