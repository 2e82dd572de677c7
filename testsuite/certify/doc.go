// Package certify turns a Ginkgo run into the certification report
// (reports/certification.md and .json): per provider a status (certified,
// partial, failed, not-run), the counts run/passed/failed/skipped taken
// from the same spec reports Ginkgo counts, every skipped spec with its
// reason, every failure with its message and (masked) exchanges, the base
// URLs (never credentials), the time, the paysandbox version and a hash of
// contracts/. Verdict says whether the run may exit 0: a live run never
// passes having tested nothing.
//
// It imports Ginkgo's types only; never the fake or a client.
package certify
