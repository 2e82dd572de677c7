// Package sandbox is the embeddable paysandbox server: New(Options) returns
// an http.Handler that mounts every provider under its prefix, the control
// API under /__admin and the dashboard at /, each also under /ns/{name}/.
// It is the only package that knows every provider; main.go, the test suite
// and users' own tests run it in process.
package sandbox
