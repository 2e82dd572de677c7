// Package drift tells where a real sandbox's answers drift from the
// contract and from the fake. Per exchange (called by contractcheck, with
// the full, unmasked bodies) it walks the response schema of contracts/
// against the live JSON itself, naming each difference by JSON pointer and
// kind (missing, extra, type, format, enum, status, code), and compares the
// live answer with the fake's answer to the same request (status, provider
// error code, shape). At the end of a live run Build folds the findings of
// reports/live/exchanges.jsonl into drift.md and drift.json, per provider
// and operation. Examples are cleaned with core.CleanForHumans.
//
// It never fails a spec: the contract check does that.
package drift
