// Package core holds the provider-agnostic root types of the sandbox: money
// (Tiyin), card numbers (PAN), the shared card ledger, documented errors and
// the per-namespace environment a provider domain is built from.
//
// core and its sub-packages know no provider and never import net/http;
// the one exception is core/httpx, the shared HTTP plumbing for adapters.
package core
