// Package aloqa holds the AloqaGateway specs of the contract suite: card
// binding, debits and holds, P2P on the four routes, monitoring, and the
// catalogue-generated table of all 105 documented codes. It registers specs
// with var _ = Describe(...) and is blank-imported by testsuite/suite_test.go.
package aloqa
