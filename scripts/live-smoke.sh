#!/usr/bin/env bash
# Runs the contract suite in its live mode (PAYSANDBOX_TARGET=live, no control
# API) against a mockserver started here on loopback, standing in for the
# providers' real sandboxes. It proves the certification path keeps working:
# the specs a live run keeps, their credentials and base URLs per provider.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-bin/mockserver}
out=$(mktemp)
"$bin" -addr 127.0.0.1:0 -log-level warn >"$out" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 200); do
  grep -q 'listening on' "$out" && break
  sleep 0.05
done
base=$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$out" | head -1)
[ -n "$base" ] || { echo "mockserver did not start:"; cat "$out"; exit 1; }
export PAYSANDBOX_TARGET=live PAYSANDBOX_REPORT_DIR=reports/live
export PAYSANDBOX_LIVE_ANORBANK_URL=$base/anorbank PAYSANDBOX_LIVE_ANORBANK_USERNAME=sandbox PAYSANDBOX_LIVE_ANORBANK_PASSWORD=sandbox
export PAYSANDBOX_LIVE_ANORBANK_CARD=8600000000000001 PAYSANDBOX_LIVE_ANORBANK_PHONE=998901234567
export PAYSANDBOX_LIVE_ALOQA_URL=$base/aloqa PAYSANDBOX_LIVE_ALOQA_USERNAME=sandbox PAYSANDBOX_LIVE_ALOQA_PASSWORD=sandbox
export PAYSANDBOX_LIVE_PAYSYS_URL=$base/paysys PAYSANDBOX_LIVE_PAYSYS_SERVICE_ID=sandbox PAYSANDBOX_LIVE_PAYSYS_SECRET_KEY=sandbox
export PAYSANDBOX_LIVE_REQUISITES_URL=$base/requisites PAYSANDBOX_LIVE_REQUISITES_USERNAME=gray PAYSANDBOX_LIVE_REQUISITES_PASSWORD='p@ssw0rd'
go tool ginkgo --label-filter='!needs-control' ./testsuite
