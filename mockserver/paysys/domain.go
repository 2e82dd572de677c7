package paysys

import "github.com/paysandbox/paysandbox/mockserver/core"

// Service is the provider's state in one namespace: the sandbox snapshots,
// restores and shows it only through core.Domain.
var _ core.Domain = (*Service)(nil)
