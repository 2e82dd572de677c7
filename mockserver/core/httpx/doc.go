// Package httpx is the HTTP plumbing every adapter shares and the only core
// package that imports net/http: the per-request Call (namespace, journal
// annotations, body read once), JSON delivery with -strict checking, and the
// faults a rule can inject (reset, timeout, empty, malformed, apply-then-drop).
// It knows no provider and no contract.
package httpx
